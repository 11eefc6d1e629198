package org.bnplkit.smartpay.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/installation.md read as a list of edits: every fenced block preceded by
 * {@code <!-- store-file: <path in the store> (<how>) -->} is a snippet that goes into that store file, and the block
 * after {@code <!-- store-run: <what> -->} is a command the store runs. Nothing else of the page is interpreted.
 */
public final class InstallationGuide {

    /** The guide as the repository has it (tests run in broadleaf-3.1/, the repository's files are one level up). */
    public static final Path DOC = Paths.get("..", "docs", "installation.md");

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*store-(file|run):\\s*(.+?)\\s*-->\\s*$");
    private static final Pattern FILE_AND_HOW = Pattern.compile("^(\\S+)\\s+\\((.+)\\)$");

    /** One marked block: where it goes (or what it runs), how, its fence language and text, and the §heading it is under. */
    public record Snippet(String kind, String file, String how, String language, String body, String section, int line) {
        /** "§3 (line 107, site/src/main/webapp/WEB-INF/web.xml, filter first of all)" for messages. */
        public String where() {
            return section + " (docs/installation.md line " + line + ", " + file + (how.isEmpty() ? "" : ", " + how) + ")";
        }
    }

    private final String markdown;
    private final List<Snippet> snippets;

    private InstallationGuide(String markdown, List<Snippet> snippets) {
        this.markdown = markdown;
        this.snippets = Collections.unmodifiableList(snippets);
    }

    public static InstallationGuide read() {
        try {
            return parse(new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOC.toAbsolutePath(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when a marker is not followed by a fenced block or does not say where and how
     */
    public static InstallationGuide parse(String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Snippet> snippets = new ArrayList<>();
        String section = "(before §1)";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("## ")) {
                section = "§" + line.substring(3).trim().replaceFirst("^(\\d+)\\..*$", "$1");
                continue;
            }
            Matcher marker = MARKER.matcher(line.trim());
            if (!marker.matches()) {
                continue;
            }
            int markerLine = i + 1;
            String kind = marker.group(1);
            String file;
            String how;
            if (kind.equals("file")) {
                Matcher fileAndHow = FILE_AND_HOW.matcher(marker.group(2));
                if (!fileAndHow.matches()) {
                    throw new IllegalArgumentException("docs/installation.md line " + markerLine
                            + ": a store-file marker names the file and then, in brackets, how the snippet goes in: " + line);
                }
                file = fileAndHow.group(1);
                how = fileAndHow.group(2);
            } else {
                file = marker.group(2);
                how = "";
            }
            int fence = i + 1;
            if (fence >= lines.length || !lines[fence].startsWith("```")) {
                throw new IllegalArgumentException("docs/installation.md line " + markerLine
                        + ": the marker must be followed at once by a fenced block: " + line);
            }
            String language = lines[fence].substring(3).trim();
            StringBuilder body = new StringBuilder();
            int j = fence + 1;
            for (; j < lines.length && !lines[j].startsWith("```"); j++) {
                body.append(lines[j]).append('\n');
            }
            if (j == lines.length) {
                throw new IllegalArgumentException("docs/installation.md line " + markerLine + ": the fenced block is not closed");
            }
            snippets.add(new Snippet(kind, file, how, language, body.toString(), section, markerLine));
            i = j;
        }
        return new InstallationGuide(markdown, snippets);
    }

    /** The guide with {@code from} replaced by {@code to} once (a test's broken doc). */
    public InstallationGuide with(String from, String to) {
        int at = markdown.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("the guide does not contain " + from);
        }
        return parse(markdown.substring(0, at) + to + markdown.substring(at + from.length()));
    }

    public String markdown() {
        return markdown;
    }

    public List<Snippet> snippets() {
        return snippets;
    }

    /** The snippets that go into files (store-file markers). */
    public List<Snippet> edits() {
        List<Snippet> edits = new ArrayList<>();
        for (Snippet s : snippets) {
            if (s.kind().equals("file")) {
                edits.add(s);
            }
        }
        return edits;
    }

    /** The store files the guide edits, as it names them ({@code <env>} unexpanded), in order of first mention. */
    public Set<String> editedFiles() {
        Set<String> files = new LinkedHashSet<>();
        for (Snippet s : edits()) {
            files.add(s.file());
        }
        return files;
    }

    /** The block after {@code <!-- store-run: what -->}. */
    public Snippet run(String what) {
        for (Snippet s : snippets) {
            if (s.kind().equals("run") && s.file().equals(what)) {
                return s;
            }
        }
        throw new IllegalStateException("docs/installation.md has no <!-- store-run: " + what + " --> block");
    }
}
