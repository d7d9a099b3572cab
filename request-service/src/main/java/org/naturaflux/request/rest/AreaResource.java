package org.naturaflux.request.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.config.ReferenceConfig;
import org.naturaflux.request.repository.Slice;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.ReferenceReads;
import org.naturaflux.source.reference.AreaCatalog;
import org.naturaflux.source.reference.AreaSearch;
import org.naturaflux.source.reference.AreaSearch.Area;
import org.naturaflux.source.reference.AreaSearch.Criteria;

/** The source's reference areas a territory is picked from: communes, départements, grid cells... */
@Path("/api/v1/areas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference", description = "The source's reference data: areas, their tiles, taxa, and the terms")
public class AreaResource {

    /** The longest text searched for. */
    static final int MAX_QUERY = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> GEOMETRY =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private final ReferenceReads reads;
    private final int maxVertices;

    AreaResource(ReferenceReads reads, ReferenceConfig config) {
        this.reads = reads;
        this.maxVertices = config.maxShapeVertices();
    }

    @GET
    @Blocking
    @Operation(operationId = "searchAreas", summary = "Search the reference areas",
            description = "The enabled areas with a geometry of the source's ref_geo, of one type (type=COM, DEP, M10... any "
                    + "type of the source) or all, whose name holds q (case- and accent-insensitive; hyphens match spaces) or "
                    + "whose code starts with q (1 to " + MAX_QUERY + " characters; without q, every area). Those whose code "
                    + "is q come first, then those whose name starts with q, then the others, each by name, type and id. "
                    + "{type, code} is how a flux request's territory names an area (territory.areas). " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of areas", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AreaView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response search(@QueryParam("type") String type, @QueryParam("q") String q, @QueryParam("page") String page,
                           @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        String text = text(q);
        String wanted = type == null || type.isBlank() ? null : type.strip();
        Criteria criteria = new Criteria(wanted, text);
        Slice<AreaView> slice = reads.read(connection -> {
            if (wanted != null && AreaCatalog.areaTypes(connection).stream().noneMatch(t -> t.code().equals(wanted))) {
                throw ApiException.badRequest("/query/type", "unknown area type '" + wanted + "' (the source has "
                        + String.join(", ", AreaCatalog.areaTypes(connection).stream().map(AreaCatalog.AreaType::code).toList())
                        + ")");
            }
            List<AreaView> items = AreaSearch.find(connection, criteria, paging.offset(), paging.size()).stream()
                    .map(AreaView::of).toList();
            return new Slice<>(items, AreaSearch.count(connection, criteria));
        });
        return paging.answer(slice, slice.items(), uri);
    }

    @GET
    @Path("{id}")
    @Blocking
    @Operation(operationId = "getArea", summary = "A reference area with its geometry",
            description = "An enabled area by its id (id_area), with its WGS84 geometry as GeoJSON, simplified in the source's "
                    + "projection to at most naturaflux.reference.max-shape-vertices vertices (5,000 by default): for display; "
                    + "a flux request names the area by {type, code}, and exports use its full geometry.")
    @APIResponse(responseCode = "200", description = "The area", content = @Content(schema = @Schema(implementation = AreaShapeView.class)))
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = OpenApiDefinition.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public AreaShapeView get(@PathParam("id") String id) {
        long areaId;
        try {
            areaId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no area " + id);
        }
        AreaSearch.Shape shape = reads.read(connection -> AreaSearch.shape(connection, areaId, maxVertices))
                .orElseThrow(() -> ApiException.notFound("no area " + id));
        try {
            AreaView area = AreaView.of(shape.area());
            return new AreaShapeView(area.id(), area.type(), area.code(), area.name(), area.bbox(), shape.vertices(),
                    JSON.readValue(shape.geoJson(), GEOMETRY));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostGIS wrote GeoJSON that does not parse", e);
        }
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String text = q.strip();
        if (text.length() > MAX_QUERY) {
            throw ApiException.badRequest("/query/q", "at most " + MAX_QUERY + " characters");
        }
        return text;
    }

    /**
     * An area.
     *
     * @param id   its id in the source (id_area)
     * @param type its type code (COM, DEP, M10...)
     * @param code its code within the type
     * @param name its name
     * @param bbox its WGS84 bounds: west, south, east, north
     */
    public record AreaView(long id, String type, String code, String name, List<Double> bbox) {
        static AreaView of(Area area) {
            return new AreaView(area.id(), area.type(), area.code(), area.name(), area.bbox());
        }
    }

    /**
     * An area with its geometry.
     *
     * @param vertices the vertices of {@code geometry}
     * @param geometry a GeoJSON Polygon or MultiPolygon in WGS84, simplified
     */
    public record AreaShapeView(long id, String type, String code, String name, List<Double> bbox, int vertices,
                                @Schema(type = SchemaType.OBJECT, description = "GeoJSON geometry (WGS84)")
                                Map<String, Object> geometry) {
    }
}
