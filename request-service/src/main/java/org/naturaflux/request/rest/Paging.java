package org.naturaflux.request.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.naturaflux.request.repository.Slice;

/**
 * The one paging convention of every list: {@code page} (0-based, 0 to {@value Queries#MAX_PAGE}) and
 * {@code size} (1 to {@value Queries#MAX_SIZE}, default {@value Queries#DEFAULT_SIZE}), read by
 * {@link Queries} (a bad value is a 400 naming {@code /query/page} or {@code /query/size}). The body stays
 * a JSON array; {@value #TOTAL} gives the whole list's size and {@code Link} (RFC 8288) the absolute URLs
 * of the {@code first}, {@code prev}, {@code next} and {@code last} pages, the request's other query
 * parameters kept. Each list has a stable order ending with the id.
 *
 * @param page the page index
 * @param size the page size
 */
public record Paging(int page, int size) {

    public static final String TOTAL = "X-Total-Count";
    /** The convention, as the OpenAPI descriptions of the lists state it. */
    public static final String DESCRIPTION = "Paged: page (0-based, 0 to " + Queries.MAX_PAGE + ", default 0) and size (1 to "
            + Queries.MAX_SIZE + ", default " + Queries.DEFAULT_SIZE + "; a bad value is a 400 naming /query/page or "
            + "/query/size); the body is the page's JSON array, " + TOTAL + " the whole list's size, Link (RFC 8288) the "
            + "absolute URLs of the first, prev, next and last pages with the other query parameters kept.";

    /** The page asked for, from the query parameters as text. */
    public static Paging of(String page, String size) {
        return new Paging(Queries.page(page), Queries.size(size));
    }

    /** The index of the first item of the page. */
    public int offset() {
        return page * size;
    }

    /** The page of a list held in memory. */
    public <T> Slice<T> of(List<T> all) {
        int from = Math.min(offset(), all.size());
        return new Slice<>(all.subList(from, Math.min(from + size, all.size())), all.size());
    }

    /** A 200 with the page's items as a JSON array, {@value #TOTAL} and {@code Link}. */
    public Response answer(Slice<?> slice, List<?> body, UriInfo uri) {
        return Response.ok(body).header(TOTAL, slice.total()).header("Link", links(slice.total(), uri)).build();
    }

    /**
     * The {@code Link} header: first and last always (last is the first page when the list is empty,
     * and at most {@value Queries#MAX_PAGE}), prev when the page is not the first (the last page when
     * the page asked for is beyond it), next when a page follows.
     */
    String links(long total, UriInfo uri) {
        long pages = Math.max(1, (total + size - 1) / size);
        int last = (int) Math.min(pages - 1, Queries.MAX_PAGE);
        List<String> links = new ArrayList<>();
        links.add(link(uri, 0, "first"));
        if (page > 0) {
            links.add(link(uri, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(uri, page + 1, "next"));
        }
        links.add(link(uri, last, "last"));
        return String.join(", ", links);
    }

    /** The request's absolute URL with another page; other parameters kept (encoded again, in order). */
    private String link(UriInfo uri, int target, String relation) {
        StringBuilder url = new StringBuilder(uri.getAbsolutePath().toString()).append('?');
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters(true).entrySet()) {
            if (parameter.getKey().equals("page") || parameter.getKey().equals("size")) {
                continue;
            }
            for (String value : parameter.getValue()) {
                url.append(encode(parameter.getKey())).append('=').append(encode(value)).append('&');
            }
        }
        url.append("page=").append(target).append("&size=").append(size);
        return "<" + url + ">; rel=\"" + relation + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
