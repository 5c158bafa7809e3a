package dev.mapwatch.agent.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Accepts requests carrying {@code Authorization: Bearer <token>}; 401 otherwise. */
public final class BearerTokenAuthenticator extends Authenticator {

    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    private BearerTokenAuthenticator(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** An authenticator for exactly this token. */
    public static BearerTokenAuthenticator of(String token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty bearer token");
        }
        return new BearerTokenAuthenticator(token);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            byte[] given =
                    header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
            // Constant time in the token's content, so timing does not reveal a matching prefix.
            if (MessageDigest.isEqual(expected, given)) {
                return new Success(new HttpPrincipal("bearer", "mapwatch"));
            }
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mapwatch\"");
        return new Failure(401);
    }
}
