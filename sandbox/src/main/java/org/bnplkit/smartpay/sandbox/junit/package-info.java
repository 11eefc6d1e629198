/**
 * Test support for stores and for this project: {@link org.bnplkit.smartpay.sandbox.junit.SandboxFixture} (any
 * framework) and the JUnit 5 {@link org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxExtension} /
 * {@link org.bnplkit.smartpay.sandbox.junit.SmartpaySandboxTest}. The only main code that needs JUnit (an optional,
 * provided dependency): nothing else of the module refers to this package, so a store runs without JUnit.
 */
package org.bnplkit.smartpay.sandbox.junit;
