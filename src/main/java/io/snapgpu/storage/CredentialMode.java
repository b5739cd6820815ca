package io.snapgpu.storage;

/** Where machines' storage credentials come from (see {@link MachineCredentialsConfig#mode()}). */
public enum CredentialMode {
    /** The bucket's own key: only for a store on this computer, or when an operator says so. */
    BUCKET_KEY,
    /** Cloudflare R2 temporary access credentials, scoped to a prefix. */
    R2_TEMPORARY,
    /** AWS STS AssumeRole with a session policy scoped to a prefix. */
    STS,
    /** None configured: machines get no storage access. */
    NONE
}
