package org.naturaflux.request.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header: every API operation needs a bearer token. */
@OpenAPIDefinition(
        info = @Info(title = "Naturaflux request-service", version = "1",
                description = "Partners ask for recurring exports (fluxes) of naturalist observations, admins approve "
                        + "them, runs deliver files through short-lived signed URLs."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token, or a partner token (nf_...)")
public class OpenApiDefinition extends Application {
}
