package org.naturaflux.request.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.config.ReferenceConfig;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.ReferenceReads;
import org.naturaflux.request.service.TileLayers;
import org.naturaflux.request.service.TileLayers.Layer;
import org.naturaflux.source.reference.AreaTiles;

/** Vector tiles of the source's reference areas: the portal's map background. */
@Path("/api/v1/tiles")
@Tag(name = "reference", description = "The source's reference data: areas, their tiles, taxa, and the terms")
public class TileResource {

    /** The media type of Mapbox vector tiles. */
    public static final String MVT = "application/vnd.mapbox-vector-tile";

    private final TileLayers layers;
    private final ReferenceReads reads;
    private final CacheControl cache;
    private final String tileUrl;

    TileResource(TileLayers layers, ReferenceReads reads, ReferenceConfig config) {
        this.layers = layers;
        this.reads = reads;
        this.tileUrl = config.tileUrl();
        this.cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge((int) Math.min(Integer.MAX_VALUE, config.tileMaxAge().toSeconds()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listTileLayers", summary = "The tile layers", description = "Each layer's name, area type, zoom levels and URL template "
            + "(naturaflux.reference.tile-url: this service's tiles by default).")
    @APIResponse(responseCode = "200", description = "The layers",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LayerView.class)))
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    public List<LayerView> layers() {
        List<LayerView> views = new ArrayList<>();
        for (Layer layer : layers.all()) {
            views.add(new LayerView(layer.name(), layer.areaType(), layer.minZoom(), layers.maxZoom(),
                    tileUrl.replace("{layer}", layer.name())));
        }
        return views;
    }

    @GET
    @Path("{layer}/{z}/{x}/{y}.mvt")
    @Produces({MVT, MediaType.APPLICATION_JSON})
    @Blocking
    @Operation(operationId = "getTile", summary = "A vector tile of reference areas",
            description = "A Mapbox vector tile (web mercator, extent 4096, buffer 64) of the enabled areas of the layer's "
                    + "type that meet tile z/x/y, simplified to about a pixel, each feature with the properties id (id_area), "
                    + "type, code and name ({type, code} is how a flux request names an area). Layers: communes, grid "
                    + "(the configured grid type, M10 by default) and departements, each from its minimum zoom (GET "
                    + "/api/v1/tiles) to the maximum zoom. An empty tile is a 204. Cache-Control: private, max-age.")
    @APIResponse(responseCode = "200", description = "The tile", headers = @Header(name = "Cache-Control"),
            content = @Content(mediaType = MVT, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "204", description = "No area meets the tile", headers = @Header(name = "Cache-Control"))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = OpenApiDefinition.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response tile(@PathParam("layer") String name, @PathParam("z") String zText, @PathParam("x") String xText,
                         @PathParam("y") String yText) {
        Layer layer = layers.layer(name).orElseThrow(() -> ApiException.notFound("no tile layer " + name
                + " (communes, grid, departements)"));
        int z = number(zText, "z", layer.minZoom(), layers.maxZoom());
        int last = (1 << z) - 1;
        int x = number(xText, "x", 0, last);
        int y = number(yText, "y", 0, last);
        byte[] tile = reads.read(connection -> AreaTiles.tile(connection, layer.name(), layer.areaType(), z, x, y));
        Response.ResponseBuilder answer = tile.length == 0 ? Response.noContent() : Response.ok(tile, MVT);
        return answer.cacheControl(cache).build();
    }

    private static int number(String text, String name, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("/path/" + name, "must be an integer between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw ApiException.badRequest("/path/" + name, "must be between " + min + " and " + max
                    + ("z".equals(name) ? " for this layer" : " at this zoom"));
        }
        return value;
    }

    /**
     * A tile layer.
     *
     * @param name     its name
     * @param areaType the area type it shows
     * @param minZoom  its first zoom level
     * @param maxZoom  its last zoom level
     * @param url      its URL template, relative to the API's root
     */
    public record LayerView(String name, String areaType, int minZoom, int maxZoom, String url) {
    }
}
