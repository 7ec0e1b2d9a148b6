package org.opencem.core.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Argon2id password hashes (OWASP's minimum: 19 MiB, 2 iterations, 1 lane). The parameters travel in the
 * encoded hash, so raising them later still verifies old hashes. Slow on purpose: call off the event loop.
 */
@Singleton
public final class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /** A hash of no real password, verified when the user is unknown so timing does not tell who exists. */
    private final String decoy = hash(Secrets.random(16));

    /** @param password the password @return its encoded Argon2id hash */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** @param password a candidate @param encoded a stored hash @return whether they match */
    public boolean verify(String password, String encoded) {
        return Password.check(password, encoded).with(Argon2Function.getInstanceFromHash(encoded));
    }

    /** Spends the time of one verification, for unknown users. @param password the candidate */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }
}
