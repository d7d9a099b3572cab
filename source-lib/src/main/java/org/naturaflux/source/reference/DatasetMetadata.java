package org.naturaflux.source.reference;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A GeoNature dataset as its metadata ({@code gn_meta}) describes it: what a run's attribution names.
 *
 * @param id                 {@code t_datasets.id_dataset}
 * @param uuid               {@code unique_dataset_id}, its SINP identifier
 * @param name               {@code dataset_name}
 * @param shortName          {@code dataset_shortname}
 * @param frameworkId        its acquisition framework's {@code id_acquisition_framework}
 * @param frameworkUuid      {@code unique_acquisition_framework_id}
 * @param frameworkName      {@code acquisition_framework_name}
 * @param dataOrigin         the label of {@code id_nomenclature_data_origin} (DS_PUBLIQUE: "Publique",
 *                           "Privée"...), null when not given
 * @param actors             the dataset's actors ({@code cor_dataset_actor}), by role code then name
 * @param frameworkActors    its framework's actors ({@code cor_acquisition_framework_actor}), likewise
 */
public record DatasetMetadata(int id, UUID uuid, String name, String shortName, int frameworkId, UUID frameworkUuid,
                              String frameworkName, String dataOrigin, List<Actor> actors,
                              List<Actor> frameworkActors) {

    /** ROLE_ACTEUR's code of a dataset's producer ("Producteur du jeu de données"). */
    public static final String PRODUCER_ROLE = "6";

    public DatasetMetadata {
        Objects.requireNonNull(name, "name");
        actors = List.copyOf(actors);
        frameworkActors = List.copyOf(frameworkActors);
    }

    /** The names of the dataset's producers (ROLE_ACTEUR 6), in order; empty when none is declared. */
    public List<String> producers() {
        return actors.stream().filter(a -> PRODUCER_ROLE.equals(a.roleCode())).map(Actor::name).distinct().toList();
    }

    /**
     * An actor: an organism ({@code utilisateurs.bib_organismes.nom_organisme}) or, when the actor is a
     * person without organism, the person ({@code t_roles}: first name and NAME).
     *
     * @param name      the organism's or the person's name
     * @param roleCode  the ROLE_ACTEUR code of its role ({@code 6}: producer...)
     * @param roleLabel the role's French label
     */
    public record Actor(String name, String roleCode, String roleLabel) {
        public Actor {
            Objects.requireNonNull(name, "name");
        }
    }
}
