package org.bnplkit.smartpay.demo62;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/installation-6.2.md's edits, read as the demo reads them, against the DemoSite's own files: the guide asks for
 * three files, and each edit finds its place in the pristine DemoSite.
 */
class StoreEditsTest {

    private static final Path DEMOSITE = DemoSiteBuild.broadleaf62FromSystemProperty().resolve("demosite");

    @Test
    void theGuideEditsThreeFiles() {
        Set<String> files = new TreeSet<>();
        StoreEdits.fromGuide().forEach(edit -> files.add(edit.file()));
        assertEquals(Set.of("core/pom.xml", "core/src/main/resources/runtime-properties/common-shared.properties",
                "site/src/main/resources/webTemplates/checkout/partials/paymentMethods.html"), files);
    }

    @Test
    void eachEditFindsItsPlaceInTheDemoSite(@TempDir Path store) throws IOException {
        List<StoreEdits.Edit> edits = StoreEdits.fromGuide();
        for (StoreEdits.Edit edit : edits) {
            Path copy = store.resolve(edit.file());
            Files.createDirectories(copy.getParent());
            Files.copy(DEMOSITE.resolve(edit.file()), copy);
            String before = Files.readString(copy);
            StoreEdits.apply(store, edit, edit.text());
            String after = Files.readString(copy);
            assertTrue(after.length() > before.length() && after.contains(edit.text().strip().split("\n")[0].strip()),
                    edit.file() + " did not take " + edit.text());
        }
        String pom = Files.readString(store.resolve("core/pom.xml"));
        assertTrue(pom.indexOf("broadleaf-smartpay-6.2") > pom.indexOf("<dependencies>"), "the dependency is inside <dependencies>");
    }

    @Test
    void anEditWhosePlaceIsGoneFailsByName(@TempDir Path store) throws IOException {
        StoreEdits.Edit button = StoreEdits.fromGuide().stream()
                .filter(edit -> edit.file().endsWith("paymentMethods.html")).findFirst().orElseThrow();
        Path template = store.resolve(button.file());
        Files.createDirectories(template.getParent());
        Files.writeString(template, "<div>a checkout template without the payment-method-content div</div>");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StoreEdits.apply(store, button, button.text()));
        assertTrue(refused.getMessage().contains("paymentMethods.html"), refused.getMessage());
    }

    @Test
    void aMarkerWithoutABlockIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StoreEdits.parse("<!-- store-file: core/pom.xml (add to dependencies) -->\nno fence here\n"));
    }
}
