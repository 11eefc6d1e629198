package org.bnplkit.smartpay.install;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.bnplkit.smartpay.install.InstallationGuide.Snippet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How a snippet goes into a store file, as its marker says in brackets:
 * <ul>
 * <li>{@code add to dependencies}: a pom's {@code <dependency>} joins its {@code <dependencies>};</li>
 * <li>{@code merge into <param-name>}: the snippet's entries of that web.xml context-param or servlet init-param that
 * the store's list lacks join it, each after the entry the snippet has before it ({@code ...} stands for the store's
 * own entries);</li>
 * <li>{@code filter first of all}: the {@code <filter>} goes before the store's filters and its
 * {@code <filter-mapping>} before every other mapping;</li>
 * <li>{@code into the DispatcherServlet}: the elements join the store's DispatcherServlet {@code <servlet>};</li>
 * <li>{@code add}: the properties lines are added to the file (created when missing);</li>
 * <li>{@code append to the value}: {@code key=<the list you have>,more} appends {@code ,more} to the store's value;</li>
 * <li>{@code after the order summary}: the markup goes after the checkout template's {@code id="order_summary"} element.</li>
 * </ul>
 * A snippet that does not fit (no such param-name, not a filter, a key the file does not have) is refused with a
 * message saying why.
 */
final class SnippetEdits {

    static final String ELLIPSIS = "...";

    private SnippetEdits() {
    }

    static String apply(Snippet snippet, String file, String before, String body) {
        String how = snippet.how();
        if (how.equals("add to dependencies")) {
            return addDependency(before, body);
        }
        if (how.startsWith("merge into ")) {
            return mergeList(before, body, how.substring("merge into ".length()).trim());
        }
        if (how.equals("filter first of all")) {
            return filterFirst(before, body);
        }
        if (how.equals("into the DispatcherServlet")) {
            return intoDispatcherServlet(before, body);
        }
        if (how.equals("add")) {
            return addProperties(before, body);
        }
        if (how.equals("append to the value")) {
            return appendToValues(before, body);
        }
        if (how.equals("after the order summary")) {
            return afterOrderSummary(before, body);
        }
        throw new IllegalArgumentException("the marker says \"" + how + "\", a way of editing " + file + " the install test does not know");
    }

    private static String addDependency(String pom, String body) {
        Element dependency = parseFragment(body).get(0);
        if (!dependency.getTagName().equals("dependency") || text(dependency, "artifactId") == null) {
            throw new IllegalArgumentException("the snippet is not a <dependency> with an artifactId");
        }
        int end = pom.indexOf("</dependencies>");
        if (end < 0) {
            throw new IllegalArgumentException("the pom has no <dependencies>");
        }
        return pom.substring(0, end) + body.trim().replace("\n", "\n        ") + "\n    " + pom.substring(end);
    }

    private static String mergeList(String webXml, String body, String paramName) {
        Element snippetParam = parseFragment(body).get(0);
        String snippetName = text(snippetParam, "param-name");
        if (!paramName.equals(snippetName)) {
            throw new IllegalArgumentException("the marker merges into " + paramName + " but the snippet's param-name is " + snippetName);
        }
        List<String> wanted = entries(text(snippetParam, "param-value"));
        Document doc = parse(webXml);
        Element storeValue = null;
        for (Element param : elements(doc.getDocumentElement(), "param-name")) {
            if (param.getTextContent().trim().equals(paramName)) {
                storeValue = first((Element) param.getParentNode(), "param-value");
            }
        }
        if (storeValue == null) {
            throw new IllegalArgumentException("the store's web.xml has no parameter " + paramName);
        }
        List<String> merged = new ArrayList<>(entries(storeValue.getTextContent()));
        for (int i = 0; i < wanted.size(); i++) {
            String entry = wanted.get(i);
            if (entry.equals(ELLIPSIS) || merged.contains(entry)) {
                continue;
            }
            int at = 0;
            for (int k = i - 1; k >= 0; k--) {
                int known = merged.indexOf(wanted.get(k));
                if (known >= 0) {
                    at = known + 1;
                    break;
                }
            }
            merged.add(at, entry);
        }
        storeValue.setTextContent("\n            " + String.join("\n            ", merged) + "\n        ");
        return serialize(doc);
    }

    private static String filterFirst(String webXml, String body) {
        List<Element> parts = parseFragment(body);
        Element filter = null;
        Element mapping = null;
        for (Element part : parts) {
            if (part.getTagName().equals("filter")) {
                filter = part;
            } else if (part.getTagName().equals("filter-mapping")) {
                mapping = part;
            }
        }
        if (filter == null || mapping == null) {
            throw new IllegalArgumentException("the snippet needs a <filter> and its <filter-mapping>");
        }
        Document doc = parse(webXml);
        Element app = doc.getDocumentElement();
        insertBeforeFirst(app, "filter", doc.importNode(filter, true));
        insertBeforeFirst(app, "filter-mapping", doc.importNode(mapping, true));
        return serialize(doc);
    }

    private static String intoDispatcherServlet(String webXml, String body) {
        Document doc = parse(webXml);
        Element servlet = null;
        for (Element s : elements(doc.getDocumentElement(), "servlet")) {
            if ("org.springframework.web.servlet.DispatcherServlet".equals(text(s, "servlet-class"))) {
                servlet = s;
            }
        }
        if (servlet == null) {
            throw new IllegalArgumentException("the store's web.xml has no DispatcherServlet");
        }
        for (Element part : parseFragment(body)) {
            servlet.appendChild(doc.importNode(part, true));
        }
        return serialize(doc);
    }

    private static String addProperties(String before, String body) {
        properties(body); // a snippet that is no properties file fails here
        return before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n") + body;
    }

    private static String appendToValues(String before, String body) {
        Properties store = properties(before);
        StringBuilder after = new StringBuilder(before);
        for (String line : body.split("\n")) {
            if (line.trim().isEmpty() || line.trim().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (!value.startsWith("<") || value.indexOf(">,") < 0) {
                throw new IllegalArgumentException(key + ": the snippet's value must be <the list you have>,<what to append>");
            }
            if (store.getProperty(key) == null) {
                throw new IllegalArgumentException("the store's file has no " + key + " to append to");
            }
            String appended = store.getProperty(key) + value.substring(value.indexOf(">,") + 1);
            int at = after.indexOf(key + "=");
            int end = after.indexOf("\n", at);
            after.replace(at, end < 0 ? after.length() : end, key + "=" + appended);
        }
        return after.toString();
    }

    private static String afterOrderSummary(String template, String body) {
        int summary = template.indexOf("id=\"order_summary\"");
        if (summary < 0) {
            throw new IllegalArgumentException("the checkout template has no order summary");
        }
        int end = template.indexOf("</div>", summary) + "</div>".length();
        return template.substring(0, end) + "\n" + body.trim() + template.substring(end);
    }

    static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return properties;
    }

    /** The whitespace-separated entries of a web.xml list parameter. */
    static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.trim().split("\\s+")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The top-level elements of an XML fragment (comments and text dropped). */
    static List<Element> parseFragment(String xml) {
        Element root = parse("<fragment>" + xml + "</fragment>").getDocumentElement();
        List<Element> parts = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                parts.add((Element) n);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the snippet has no XML element");
        }
        return parts;
    }

    static List<Element> elements(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            elements.add((Element) list.item(i));
        }
        return elements;
    }

    static Element first(Element parent, String tag) {
        List<Element> all = elements(parent, tag);
        return all.isEmpty() ? null : all.get(0);
    }

    static String text(Element parent, String tag) {
        Element e = first(parent, tag);
        return e == null ? null : e.getTextContent().trim();
    }

    private static void insertBeforeFirst(Element parent, String tag, Node node) {
        Element first = null;
        for (Node n = parent.getFirstChild(); n != null && first == null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                first = (Element) n;
            }
        }
        if (first == null) {
            parent.appendChild(node);
        } else {
            parent.insertBefore(node, first);
        }
    }

    private static String serialize(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }
}
