package org.opencem.core.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Argon2id password hashes with OWASP's m=7 MiB, t=5, p=1 profile: the same strength as its 19 MiB,
 * t=2 profile at about the same CPU cost, but with a third of the memory per hash (password4j keeps a
 * hash's block memory for the life of the process). The parameters travel in the encoded hash, so
 * changing them later still verifies old hashes. Slow on purpose: call off the event loop.
 */
@Singleton
public final class PasswordHasher {

    /**
     * A hash of a random password nobody knows, verified when the user is unknown so that the answer
     * takes as long as for a real user. A constant, so no hash is computed at startup.
     */
    private static final String DECOY = "$argon2id$v=19$m=7168,t=5,p=1$UUEEqaADnpYf0lhpVOhg+Q$"
            + "8HXoA0eNvdxb6i3R4erS0OKDPAlkGGN1kebIKB4JGLQ";

    /** Created on first use: the server starts without allocating Argon2's memory. */
    private static final class Function {
        static final Argon2Function ARGON2 = Argon2Function.getInstance(7_168, 5, 1, 32, Argon2.ID);
    }

    /** @param password the password @return its encoded Argon2id hash */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(Function.ARGON2).getResult();
    }

    /** @param password a candidate @param encoded a stored hash @return whether they match */
    public boolean verify(String password, String encoded) {
        return Password.check(password, encoded).with(Argon2Function.getInstanceFromHash(encoded));
    }

    /** Spends the time of one verification, for unknown users. @param password the candidate */
    public void verifyDecoy(String password) {
        verify(password, DECOY);
    }
}
