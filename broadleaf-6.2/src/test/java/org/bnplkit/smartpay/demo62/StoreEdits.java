package org.bnplkit.smartpay.demo62;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/installation-6.2.md as the edits it asks of a 6.2 store: each fenced block after
 * {@code <!-- store-file: <path> (<how>) -->}. The demo installs the module into its copy of Broadleaf's DemoSite with
 * exactly these edits, so the guide is what the demo runs.
 */
final class StoreEdits {

    static final Path GUIDE = Paths.get("..", "docs", "installation-6.2.md");

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*store-file:\\s*(\\S+)\\s+\\((.+)\\)\\s*-->$");

    /** One edit: the store file, how the text goes in (the marker's words), the text. */
    record Edit(String file, String how, String text) {
    }

    private StoreEdits() {
    }

    static List<Edit> fromGuide() {
        try {
            return parse(Files.readString(GUIDE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + GUIDE.toAbsolutePath(), e);
        }
    }

    static List<Edit> parse(String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = MARKER.matcher(lines[i].trim());
            if (!marker.matches()) {
                continue;
            }
            int open = i + 1;
            if (open >= lines.length || !lines[open].startsWith("```")) {
                throw new IllegalArgumentException(GUIDE + " line " + (i + 1) + ": a store-file marker must be followed by a fenced block");
            }
            StringBuilder text = new StringBuilder();
            int line = open + 1;
            for (; line < lines.length && !lines[line].startsWith("```"); line++) {
                text.append(lines[line]).append('\n');
            }
            edits.add(new Edit(marker.group(1), marker.group(2), text.toString()));
            i = line;
        }
        return edits;
    }

    /** Applies one edit to the store at {@code store}; fails, naming the edit, when its place is not found. */
    static void apply(Path store, Edit edit, String text) {
        Path file = store.resolve(edit.file());
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String edited;
            switch (edit.how()) {
                case "add to dependencies":
                    edited = insertAfter(content, "<dependencies>", "\n" + text, edit);
                    break;
                case "append":
                    edited = content + (content.endsWith("\n") ? "" : "\n") + text;
                    break;
                case "above the payment-method-content div":
                    edited = insertBefore(content, "<div class=\"payment-method-content\">", text, edit);
                    break;
                default:
                    throw new IllegalArgumentException(GUIDE + ": unknown way to edit " + edit.file() + ": (" + edit.how() + ")");
            }
            Files.writeString(file, edited, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + file, e);
        }
    }

    private static String insertAfter(String content, String anchor, String text, Edit edit) {
        int at = content.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException(edit.file() + " has no " + anchor + " for " + GUIDE + " (" + edit.how() + ")");
        }
        return content.substring(0, at + anchor.length()) + text + content.substring(at + anchor.length());
    }

    private static String insertBefore(String content, String anchor, String text, Edit edit) {
        int at = content.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException(edit.file() + " has no " + anchor + " for " + GUIDE + " (" + edit.how() + ")");
        }
        int lineStart = content.lastIndexOf('\n', at) + 1;
        String indent = content.substring(lineStart, at);
        return content.substring(0, lineStart) + indent + text.strip() + "\n" + content.substring(lineStart);
    }
}
