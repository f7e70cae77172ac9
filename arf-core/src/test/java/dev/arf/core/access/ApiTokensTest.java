package dev.arf.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.audit.InMemoryAuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private final FakeStore store = new FakeStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ApiTokens tokens = new ApiTokens(
            store, audit, Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC), new Random(1));

    /** Keeps tokens in a map, as a store would keep rows. */
    static final class FakeStore implements ApiTokenStore {
        final Map<String, ApiToken> byId = new LinkedHashMap<>();

        @Override
        public void save(ApiToken token) {
            byId.put(token.id(), token);
        }

        @Override
        public Optional<ApiToken> byHash(String hash) {
            return byId.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
        }

        @Override
        public Optional<ApiToken> byId(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<ApiToken> all() {
            return new ArrayList<>(byId.values());
        }
    }

    @Test
    void aCreatedTokenHas256RandomBitsAndIsKeptOnlyAsItsHash() {
        IssuedToken issued = tokens.create("alice", Role.APPROVER, "test");
        assertThat(issued.secret()).matches(ApiTokens.FORMAT.pattern());
        assertThat(store.byId.get(issued.token().id()).hash()).isEqualTo(ApiTokens.hash(issued.secret()));
        assertThat(store.byId.values().toString()).doesNotContain(issued.secret());
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(audit.read(1, 10)).singleElement().satisfies(r -> {
            assertThat(r.entry().event()).isEqualTo(ApiTokens.AUDIT_CREATED);
            assertThat(r.entry().details().toString()).doesNotContain(issued.secret());
        });
    }

    @Test
    void onlyTheExactSecretOfAValidTokenAuthenticates() {
        IssuedToken issued = tokens.create("ci", Role.OPERATOR, "test");
        assertThat(tokens.authenticate(issued.secret()))
                .get()
                .extracting(ApiToken::role)
                .isEqualTo(Role.OPERATOR);
        String other = issued.secret().substring(0, 10)
                + (issued.secret().charAt(10) == 'A' ? 'B' : 'A')
                + issued.secret().substring(11);
        assertThat(tokens.authenticate(other)).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(issued.token().hash())).isEmpty();
        tokens.revoke(issued.token().id(), "test");
        assertThat(tokens.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void rolesIncludeTheOnesBeforeThem() {
        assertThat(Role.ADMIN.includes(Role.APPROVER)).isTrue();
        assertThat(Role.APPROVER.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.includes(Role.APPROVER)).isFalse();
        assertThat(Role.byKey("Approver")).contains(Role.APPROVER);
        assertThat(Role.byKey("root")).isEmpty();
    }

    @Test
    void namesAreCheckedAndTheFirstValidTokenIsNoticed() {
        assertThat(tokens.noneValid()).isTrue();
        assertThatThrownBy(() -> tokens.create("bad\nname", Role.VIEWER, "test"))
                .isInstanceOf(IllegalArgumentException.class);
        IssuedToken t = tokens.create("ok", Role.VIEWER, "test");
        assertThat(tokens.noneValid()).isFalse();
        tokens.revoke(t.token().id(), "test");
        assertThat(tokens.noneValid()).isTrue();
        assertThat(tokens.revoke("TOK-NONE", "test")).isEmpty();
    }
}
