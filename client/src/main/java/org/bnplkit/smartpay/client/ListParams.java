package org.bnplkit.smartpay.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Query parameters of Smartpay list calls: {@code maxResults}, {@code pageToken}, {@code expand}. Immutable. */
public final class ListParams {

    private static final ListParams DEFAULTS = builder().build();

    private final Integer maxResults;
    private final String pageToken;
    private final Expand expand;

    private ListParams(Builder builder) {
        this.maxResults = builder.maxResults;
        this.pageToken = builder.pageToken;
        this.expand = builder.expand;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Smartpay's defaults: 20 results, first page, not expanded. */
    public static ListParams defaults() {
        return DEFAULTS;
    }

    /** Null means Smartpay's default (20). */
    public Integer maxResults() {
        return maxResults;
    }

    public String pageToken() {
        return pageToken;
    }

    /** Null means not expanded. */
    public Expand expand() {
        return expand;
    }

    /** The same parameters for the page behind {@code token}. */
    public ListParams withPageToken(String token) {
        return toBuilder().pageToken(token).build();
    }

    /** The query string ({@code maxResults}, {@code pageToken}, and {@code expand} when the list takes it). */
    String toQuery(boolean expandable) {
        Map<String, String> query = new LinkedHashMap<String, String>();
        query.put("maxResults", maxResults == null ? null : String.valueOf(maxResults));
        query.put("pageToken", pageToken);
        if (expandable && expand != null) {
            query.put("expand", expand.wireValue());
        }
        return SmartpayTransport.queryOf(query);
    }

    public Builder toBuilder() {
        return builder().maxResults(maxResults).pageToken(pageToken).expand(expand);
    }

    @Override
    public String toString() {
        return "ListParams{maxResults=" + maxResults + ", pageToken=" + pageToken + ", expand=" + expand + "}";
    }

    public static final class Builder {
        private Integer maxResults;
        private String pageToken;
        private Expand expand;

        private Builder() {
        }

        public Builder maxResults(Integer maxResults) {
            if (maxResults != null && maxResults < 1) {
                throw new IllegalArgumentException("maxResults must be at least 1");
            }
            this.maxResults = maxResults;
            return this;
        }

        public Builder pageToken(String pageToken) {
            this.pageToken = pageToken;
            return this;
        }

        public Builder expand(Expand expand) {
            this.expand = expand;
            return this;
        }

        public ListParams build() {
            return new ListParams(this);
        }
    }
}
