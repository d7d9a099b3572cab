package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.naturaflux.request.DownloadRecord;

@ApplicationScoped
public class DownloadRecordRepository implements PanacheRepositoryBase<DownloadRecord, Long> {
}
