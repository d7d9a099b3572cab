package org.naturaflux.request.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.contract.OpenApiContract.Exchange;

/** The judge itself, on a small document written here: it refuses what the document does not allow. */
class OpenApiContractTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {
               "/api/v1/fluxes/{id}": {"get": {"operationId": "getFlux", "responses": {
                 "200": {"description": "a flux", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Flux"}}}},
                 "404": {"$ref": "#/components/responses/Error"}}}},
               "/api/v1/fluxes/change-driven/runs": {"post": {"operationId": "runChangeDriven", "responses": {
                 "202": {"description": "accepted"}}}}},
             "components": {
               "schemas": {
                 "Flux": {"type": "object", "required": ["id"], "properties": {
                   "id": {"type": "string", "format": "uuid"},
                   "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                   "nextRunAt": {"type": ["string", "null"], "format": "date-time"}}},
                 "ErrorBody": {"type": "object", "required": ["status", "error", "violations"], "properties": {
                   "status": {"type": "integer"}, "error": {"type": "string"},
                   "violations": {"type": "array", "items": {"type": "object", "properties": {
                     "path": {"type": "string"}, "message": {"type": "string"}}}}}}},
               "responses": {"Error": {"description": "an error", "content": {"application/json": {
                 "schema": {"$ref": "#/components/schemas/ErrorBody"}}}}}}}
            """;
    private static final String ID = "9b2f1c1e-4a53-4f43-9a7e-2f1f4a0b8c11";

    private final OpenApiContract contract = OpenApiContract.of(DOCUMENT, "/api/v1/");

    @Test
    void allowsWhatTheDocumentDeclares() {
        assertThat(contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 200, "application/json;charset=UTF-8",
                "{\"id\": \"" + ID + "\", \"counts\": {\"PRECISE\": 3}, \"nextRunAt\": null}"))).isEmpty();
        assertThat(contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 404, "application/json",
                "{\"status\": 404, \"error\": \"not found\", \"violations\": []}"))).isEmpty();
        // a path the API does not have may only be "not found"; a method it does not have "not allowed"
        assertThat(contract.check(new Exchange("GET", "/api/v1/nothing", 404, "application/json", "{}"))).isEmpty();
        assertThat(contract.check(new Exchange("PUT", "/api/v1/fluxes/" + ID, 405, "application/json", ""))).isEmpty();
        // outside the judged prefix: anything
        assertThat(contract.check(new Exchange("GET", "/q/health", 503, "text/plain", "down"))).isEmpty();
    }

    @Test
    void refusesAnUndeclaredStatusNamingTheOperation() {
        List<String> problems = contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 409, "application/json",
                "{\"status\": 409, \"error\": \"conflict\", \"violations\": []}"));

        assertThat(problems).singleElement().asString()
                .contains("GET /api/v1/fluxes/{id} (operationId getFlux)", "status 409 is not declared", "declared: 200, 404");
    }

    @Test
    void refusesABodyMemberOfTheWrongTypeNamingTheMember() {
        List<String> problems = contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 200, "application/json",
                "{\"id\": \"" + ID + "\", \"counts\": {\"PRECISE\": \"three\"}}"));

        assertThat(problems).singleElement().asString().contains("getFlux", "status 200", "'/counts/PRECISE'", "integer");
    }

    @Test
    void refusesAFormatViolationAndAMissingMember() {
        assertThat(contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 200, "application/json",
                "{\"id\": \"not-a-uuid\"}"))).singleElement().asString().contains("'/id'", "uuid");
        assertThat(contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 404, "application/json",
                "{\"status\": 404, \"error\": \"not found\"}"))).singleElement().asString().contains("violations");
    }

    @Test
    void refusesUndeclaredOperationsBodiesAndMediaTypes() {
        assertThat(contract.check(new Exchange("GET", "/api/v1/nothing", 200, "application/json", "[]")))
                .singleElement().asString().contains("no such path");
        assertThat(contract.check(new Exchange("DELETE", "/api/v1/fluxes/" + ID, 204, null, "")))
                .singleElement().asString().contains("no DELETE operation on /api/v1/fluxes/{id}");
        assertThat(contract.check(new Exchange("POST", "/api/v1/fluxes/change-driven/runs", 202, "application/json",
                "{\"fluxes\": 2}"))).singleElement().asString()
                .contains("POST /api/v1/fluxes/change-driven/runs (operationId runChangeDriven)", "declares none");
        assertThat(contract.check(new Exchange("GET", "/api/v1/fluxes/" + ID, 200, "text/csv", "a;b")))
                .singleElement().asString().contains("Content-Type text/csv", "declared: application/json");
    }
}
