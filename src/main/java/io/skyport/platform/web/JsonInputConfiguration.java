package io.skyport.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.annotation.Nulls;

import io.skyport.platform.text.StorableText;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses, while a JSON body is read, what no endpoint can use: text that cannot be stored (see {@link StorableText})
 * and {@code null} elements in arrays and maps. Both become a 400 naming the field, e.g. {@code records[0]}.
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfiguration {

	@Bean
	JsonMapperBuilderCustomizer refuseUnusableJsonInput() {
		return builder -> builder
			.addModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableStringDeserializer()))
			.changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL));
	}

	static final class StorableStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			String defect = text == null ? null : StorableText.defect(text);
			if (defect != null) {
				throw new UnstorableTextException(parser, defect);
			}
			return text;
		}
	}

	/** A JSON string that {@link StorableText} refuses; Jackson adds the path to the field. */
	static final class UnstorableTextException extends MismatchedInputException {

		private final String defect;

		UnstorableTextException(JsonParser parser, String defect) {
			super(parser, "Text " + defect, String.class);
			this.defect = defect;
		}

		String defect() {
			return defect;
		}
	}
}
