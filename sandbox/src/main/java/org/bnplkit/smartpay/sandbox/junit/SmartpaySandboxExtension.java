package org.bnplkit.smartpay.sandbox.junit;

import java.util.function.Consumer;

import org.bnplkit.smartpay.client.SmartpayClient;
import org.bnplkit.smartpay.sandbox.SmartpaySandbox;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: a Smartpay sandbox per test class, reset before each test, injected into test and lifecycle methods as a
 * {@link SandboxFixture}, {@link SmartpayClient} or {@link SmartpaySandbox} parameter.
 * <pre>
 * &#64;SmartpaySandboxTest                                  // declarative: the defaults
 * class CheckoutTest {
 *     &#64;Test void approves(SandboxFixture smartpay, SmartpayClient client) { ... }
 * }
 *
 * class CheckoutTest {                                     // programmatic: options, and a field to use
 *     &#64;RegisterExtension
 *     static final SmartpaySandboxExtension SMARTPAY = SmartpaySandboxExtension.withOptions(o -&gt; o.secretKey("sk_test_shop1"));
 *     &#64;Test void approves() { SMARTPAY.fixture().approve(orderId); }
 * }
 * </pre>
 * The field decides the lifetime, as with WireMock's and Testcontainers' extensions: a {@code static} field (and
 * {@code @SmartpaySandboxTest}) starts one sandbox for the class; an instance field one per test.
 */
public final class SmartpaySandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Consumer<SandboxFixture.Options> configuration;
    private final boolean resetBeforeEach;
    private SandboxFixture fixture;
    /** True when this instance started its fixture in beforeEach (an instance field): it stops it after the test. */
    private boolean perTest;

    /** What {@code @SmartpaySandboxTest} registers: the defaults. */
    public SmartpaySandboxExtension() {
        this(options -> { }, true);
    }

    private SmartpaySandboxExtension(Consumer<SandboxFixture.Options> configuration, boolean resetBeforeEach) {
        this.configuration = configuration;
        this.resetBeforeEach = resetBeforeEach;
    }

    /** For {@code @RegisterExtension}: the fixture started with these options. */
    public static SmartpaySandboxExtension withOptions(Consumer<SandboxFixture.Options> configuration) {
        return new SmartpaySandboxExtension(configuration, true);
    }

    /** The same, but objects, faults and clock carry over from one test to the next (no reset before each). */
    public static SmartpaySandboxExtension withoutResetBetweenTests(Consumer<SandboxFixture.Options> configuration) {
        return new SmartpaySandboxExtension(configuration, false);
    }

    /** The running fixture (between beforeAll/beforeEach and afterAll/afterEach). */
    public SandboxFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the Smartpay sandbox runs only while a test of its class runs");
        }
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (fixture == null) {
            fixture = start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (fixture == null) {
            fixture = start();
            perTest = true;
        } else if (resetBeforeEach) {
            fixture.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
            perTest = false;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private SandboxFixture start() {
        SandboxFixture.Options options = SandboxFixture.options();
        configuration.accept(options);
        return options.start();
    }

    private void stop() {
        if (fixture != null) {
            try {
                fixture.close();
            } finally {
                fixture = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SandboxFixture.class || type == SmartpayClient.class || type == SmartpaySandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (fixture == null) {
            throw new ParameterResolutionException("the Smartpay sandbox is not running for "
                    + parameter.getDeclaringExecutable());
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == SmartpayClient.class) {
            return fixture.client();
        }
        return type == SmartpaySandbox.class ? fixture.sandbox() : fixture;
    }
}
