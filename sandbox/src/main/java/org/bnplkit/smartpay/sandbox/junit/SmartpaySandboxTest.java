package org.bnplkit.smartpay.sandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One line for a test class: a Smartpay sandbox on a free port for the class, reset before each test, and
 * {@link SandboxFixture}, {@code SmartpayClient} or {@code SmartpaySandbox} parameters in test and lifecycle
 * methods. See {@link SmartpaySandboxExtension} for options.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SmartpaySandboxExtension.class)
public @interface SmartpaySandboxTest {
}
