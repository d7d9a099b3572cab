package org.naturaflux.request;

/** What an e-mail tells its flux's contact and the staff. */
public enum MailKind {
    FLUX_APPROVED,
    FLUX_REJECTED,
    FLUX_SUSPENDED,
    RUN_FAILED,
    FILES_ERASED_SOON
}
