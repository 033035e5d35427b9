package io.aigw.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a governed {@link AiClient} for a gateway model id: a route name ({@code assistant}) or a connection's
 * model ({@code openai/gpt-4o-mini}). Only {@code @AiModel} injection points get aigw's beans, so they never make an
 * application's own beans ambiguous.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface AiModel {

    /** The route name or {@code <connection>/<model>}. */
    @Nonbinding
    String value();

    /** For programmatic lookup: {@code instance.select(AiClient.class, AiModel.Literal.of("assistant"))}. */
    final class Literal extends AnnotationLiteral<AiModel> implements AiModel {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        public static Literal of(String model) {
            return new Literal(model);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
