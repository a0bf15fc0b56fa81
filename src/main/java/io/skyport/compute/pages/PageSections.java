package io.skyport.compute.pages;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputePageSection;
import io.skyport.compute.ComputePageSection.Page;
import io.skyport.compute.ComputePageSection.Section;

/**
 * Collects the sections other modules add to a page, in order. A section that fails is left out (and logged): the
 * rest of the page still shows.
 */
@Component
public class PageSections {

	private static final Logger log = LoggerFactory.getLogger(PageSections.class);

	private final List<ComputePageSection> providers;

	PageSections(List<ComputePageSection> providers) {
		this.providers = providers;
	}

	public List<Section> of(Page page, CurrentUser viewer, UUID subjectId) {
		return providers.stream().map(provider -> {
			try {
				return provider.section(page, viewer, subjectId);
			}
			catch (RuntimeException ex) {
				log.warn("The section {} of the {} page of {} could not be shown", provider.getClass().getSimpleName(),
						page, subjectId, ex);
				return null;
			}
		}).filter(Objects::nonNull).sorted(Comparator.comparingInt(Section::order)).toList();
	}
}
