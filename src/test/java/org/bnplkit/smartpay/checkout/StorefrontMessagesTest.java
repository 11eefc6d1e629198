package org.bnplkit.smartpay.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import org.bnplkit.smartpay.checkout.SmartpayCheckoutException.Reason;
import org.junit.jupiter.api.Test;

/** Every message a shopper can be shown exists in English and Japanese, and the two files hold the same keys. */
class StorefrontMessagesTest {

    private static final Path DIR = Paths.get("..", "module-descriptor", "messages");

    @Test
    void everyRefusalReasonHasAnEnglishAndAJapaneseMessage() throws IOException {
        Properties en = load("SmartpayMessages.properties");
        Properties ja = load("SmartpayMessages_ja.properties");
        List<String> keys = new ArrayList<>();
        for (Reason reason : Reason.values()) {
            keys.add(reason.messageKey());
        }
        keys.add("smartpay.error.checkoutFailed");
        keys.add("smartpay.button");
        for (String key : keys) {
            String english = en.getProperty(key, "");
            String japanese = ja.getProperty(key, "");
            assertFalse(english.trim().isEmpty(), "English message for " + key);
            assertFalse(japanese.trim().isEmpty(), "Japanese message for " + key);
            if (!key.equals("smartpay.button")) {
                assertNotEquals(english, japanese, "translated: " + key);
                assertFalse(japanese.chars().allMatch(c -> c < 128), "Japanese text for " + key);
            }
        }
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(ja.stringPropertyNames()));
    }

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        }
        return p;
    }
}
