package io.skyport.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.skyport.platform.errors.InvalidInputException.Violation;

class DataDiskMountPointsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/data                 | /data
			/srv/app              | /srv/app
			/srv/app/             | /srv/app
			'  /mnt/disk-1 '      | /mnt/disk-1
			/var/lib/postgresql   | /var/lib/postgresql
			/home                 | /home
			/opt/my_app.v2+x@y    | /opt/my_app.v2+x@y
			""")
	void plain_absolute_directories_outside_the_system_are_accepted(String given, String used) {
		List<Violation> violations = new ArrayList<>();

		assertThat(DataDiskMountPoints.normalise("dataDiskMountPoint", given, violations)).isEqualTo(used);
		assertThat(violations).isEmpty();
		assertThat(DataDiskMountPoints.isValid(used)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void nothing_means_data(String given) {
		assertThat(DataDiskMountPoints.normalise("dataDiskMountPoint", given, new ArrayList<>())).isEqualTo("/data");
		assertThat(DataDiskMountPoints.normalise("dataDiskMountPoint", null, new ArrayList<>())).isEqualTo("/data");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			data                | must be an absolute path
			/                   | cannot be / (the root file system)
			/srv/../etc         | may not contain . or .. segments
			/srv/./app          | may not contain . or .. segments
			//srv               | may not contain //
			/srv/my app         | may contain no spaces or control characters
			/srv/app;rm         | may contain only letters, digits
			/srv/$HOME          | may contain only letters, digits
			/etc                | cannot be in /etc
			/etc/app            | cannot be in /etc
			/boot               | cannot be in /boot
			/usr/local/data     | cannot be in /usr
			/proc/x             | cannot be in /proc
			/sys                | cannot be in /sys
			/dev/vdb            | cannot be in /dev
			/run                | cannot be in /run
			/bin                | cannot be in /bin
			/sbin               | cannot be in /sbin
			/lib                | cannot be in /lib
			/var                | cannot be /var, which the guest's system uses
			/var/lib            | cannot be /var/lib
			""")
	void relative_system_and_odd_paths_are_refused_with_the_reason(String given, String reason) {
		List<Violation> violations = new ArrayList<>();

		assertThat(DataDiskMountPoints.normalise("dataDiskMountPoint", given, violations)).isNull();
		assertThat(violations).singleElement().satisfies(violation -> {
			assertThat(violation.field()).isEqualTo("dataDiskMountPoint");
			assertThat(violation.message()).contains(reason).contains(given.strip());
		});
	}

	@org.junit.jupiter.api.Test
	void control_characters_and_overlong_paths_are_refused() {
		List<Violation> violations = new ArrayList<>();
		assertThat(DataDiskMountPoints.normalise("m", "/srv/a\tb", violations)).isNull();
		assertThat(DataDiskMountPoints.normalise("m", "/srv/a\u0000b", violations)).isNull();
		assertThat(DataDiskMountPoints.normalise("m", "/srv/" + "a".repeat(200), violations)).isNull();
		assertThat(violations).extracting(Violation::message).satisfiesExactly(
				m -> assertThat(m).contains("no spaces or control characters"),
				m -> assertThat(m).contains("no spaces or control characters").doesNotContain("\u0000"),
				m -> assertThat(m).contains("at most 128 characters"));
	}
}
