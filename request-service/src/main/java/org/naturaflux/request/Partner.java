package org.naturaflux.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An organisation that receives fluxes, with the technical contact who integrates them. */
@Entity
@Table(name = "partner")
public class Partner {

    @Id
    private UUID id;
    private String name;
    @Column(name = "contact_name")
    private String contactName;
    @Column(name = "contact_email")
    private String contactEmail;
    @Column(name = "contact_phone")
    private String contactPhone;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Partner() {
    }

    public Partner(UUID id, String name, Contact contact, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.contactName = contact.name();
        this.contactEmail = contact.email();
        this.contactPhone = contact.phone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Contact contact() {
        return new Contact(contactName, contactEmail, contactPhone);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
