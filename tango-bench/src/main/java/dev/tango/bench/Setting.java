package dev.tango.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option field with the setting it gives, so that a refusal of that setting
 * ({@link dev.tango.core.settings.InvalidSettingException}) is printed with the option's
 * name, such as {@code --warmup} for {@code warmupFraction}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {

	/**
	 * Returns the setting's name as the Java API has it.
	 * @return the name, such as {@code warmupFraction}
	 */
	String value();

}
