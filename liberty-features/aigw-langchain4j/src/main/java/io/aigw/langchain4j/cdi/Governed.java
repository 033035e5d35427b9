package io.aigw.langchain4j.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the LangChain4j model beans that {@link GovernedModelsExtension} registers. Besides marking them, it
 * keeps them from being {@code @Default} beans (a bean whose only qualifier is {@code @Named} would be), so they never
 * make an application's own unqualified {@code ChatModel} injection ambiguous: inject them with
 * {@code @Named("<name>")}, optionally together with {@code @Governed}.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Governed {

    /** The qualifier as a value, for programmatic lookup and bean registration. */
    final class Literal extends AnnotationLiteral<Governed> implements Governed {
        private static final long serialVersionUID = 1L;

        /** The only instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {
        }
    }
}
