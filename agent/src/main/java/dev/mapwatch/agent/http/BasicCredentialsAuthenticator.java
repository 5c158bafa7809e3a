package dev.mapwatch.agent.http;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** HTTP basic authentication against one user and password, compared in constant time. */
public final class BasicCredentialsAuthenticator extends BasicAuthenticator {

    private final byte[] user;
    private final byte[] password;

    private BasicCredentialsAuthenticator(String user, String password) {
        super("mapwatch", StandardCharsets.UTF_8);
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    /** An authenticator for exactly this user and password. */
    public static BasicCredentialsAuthenticator of(String user, String password) {
        return new BasicCredentialsAuthenticator(user, password);
    }

    @Override
    public boolean checkCredentials(String givenUser, String givenPassword) {
        // Both comparisons always run, so timing does not tell which half was wrong.
        boolean userMatches =
                MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches =
                MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
