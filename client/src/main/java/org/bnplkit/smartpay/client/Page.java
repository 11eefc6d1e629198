package org.bnplkit.smartpay.client;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of a Smartpay collection: {@code {object:"collection", pageToken, nextPageToken, maxResults, results, data}}.
 * {@link #nextPageToken()} is null on the last page (Smartpay leaves it out or empty).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Page<T> {

    private final List<T> data;
    private final String pageToken;
    private final String nextPageToken;
    private final Integer maxResults;
    private final Integer results;

    @JsonCreator
    public Page(@JsonProperty("data") List<T> data,
                @JsonProperty("pageToken") String pageToken,
                @JsonProperty("nextPageToken") String nextPageToken,
                @JsonProperty("maxResults") Integer maxResults,
                @JsonProperty("results") Integer results) {
        this.data = data == null ? Collections.<T>emptyList() : Collections.unmodifiableList(new ArrayList<T>(data));
        this.pageToken = emptyToNull(pageToken);
        this.nextPageToken = emptyToNull(nextPageToken);
        this.maxResults = maxResults;
        this.results = results == null ? Integer.valueOf(this.data.size()) : results;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @JsonProperty("object")
    private String object() {
        return "collection";
    }

    public List<T> data() {
        return data;
    }

    /** The token of this page (null on the first page). */
    public String pageToken() {
        return pageToken;
    }

    /** The token of the next page, or null on the last page. */
    public String nextPageToken() {
        return nextPageToken;
    }

    public Integer maxResults() {
        return maxResults;
    }

    /** How many items this page holds. */
    public int results() {
        return results;
    }

    public boolean hasMore() {
        return nextPageToken != null;
    }

    @Override
    public String toString() {
        return "Page{results=" + results + ", pageToken=" + pageToken + ", nextPageToken=" + nextPageToken + ", data=" + data + "}";
    }
}
