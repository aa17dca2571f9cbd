package net.ipmpd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.ipmpd.engine.action.Action;
import net.ipmpd.engine.config.DampingConfig;
import net.ipmpd.engine.config.DataAddressConfig;
import net.ipmpd.engine.config.EngineConfig;
import net.ipmpd.engine.config.Family;
import net.ipmpd.engine.config.GroupConfig;
import net.ipmpd.engine.config.MemberConfig;
import net.ipmpd.engine.event.EngineEvent;
import net.ipmpd.engine.notify.Notification;
import net.ipmpd.engine.state.GroupSnapshot;
import net.ipmpd.engine.state.KeptRoute;
import net.ipmpd.engine.state.RouteOrigin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes the dataplane keeps are kernel facts: the engine shows them in its snapshot and decides nothing on them. */
class KeptRoutesTest {
    private static final long MS = 1_000_000L;
    private final List<Action> actions = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final EngineOutput out = new EngineOutput() {
        @Override
        public void act(Action action) {
            actions.add(action);
        }

        @Override
        public void notify(Notification notification) {
            notifications.add(notification);
        }
    };
    private Engine engine;
    private long now = 1_000 * MS;

    @BeforeEach
    void start() throws Exception {
        GroupConfig g = new GroupConfig("g", List.of(MemberConfig.linkOnly("a", false), MemberConfig.linkOnly("b", false)),
                List.of(new DataAddressConfig(InetAddress.getByName("198.18.0.100"), 24, "a")));
        GroupConfig h = new GroupConfig("h", List.of(MemberConfig.linkOnly("c", false)), List.of());
        engine = new Engine(new EngineConfig(10_000, true, true, DampingConfig.DEFAULT, List.of(g, h)), new SplittableRandom(1), now);
        handle(new EngineEvent.LinkReported("a", 2, true));
        handle(new EngineEvent.LinkReported("b", 3, true));
        handle(new EngineEvent.LinkReported("c", 4, true));
        handle(new EngineEvent.LinkDumpCompleted());
        actions.clear();
        notifications.clear();
    }

    private void handle(EngineEvent e) {
        now += MS;
        engine.handle(e, now, now, out);
    }

    private static KeptRoute defaultVia(String gateway, String... members) throws Exception {
        return new KeptRoute(Family.IPV4, InetAddress.getByName("0.0.0.0"), 0, 0,
                List.of(InetAddress.getByName(gateway)), List.of(members), RouteOrigin.FOLLOWED);
    }

    private static KeptRoute subnet(String... members) throws Exception {
        return new KeptRoute(Family.IPV4, InetAddress.getByName("198.18.0.0"), 24, 0, List.of(), List.of(members),
                RouteOrigin.CREATED);
    }

    private GroupSnapshot group(String name) {
        return engine.snapshot().group(name).orElseThrow();
    }

    @Test
    void reportedRoutesAppearUnderTheirGroupOnlyAndChangeNothingElse() throws Exception {
        List<KeptRoute> routes = List.of(subnet("a", "b"), defaultVia("198.18.0.1", "a", "b"));
        handle(new EngineEvent.RoutesKept("g", routes));

        assertThat(group("g").routes()).isEqualTo(routes);
        assertThat(group("h").routes()).as("another group's routes").isEmpty();
        assertThat(actions).as("the engine decides nothing on kept routes").isEmpty();
        assertThat(notifications).isEmpty();
    }

    @Test
    void aNewReportReplacesTheGroupsRoutesAndAnEmptyOneClearsThem() throws Exception {
        handle(new EngineEvent.RoutesKept("g", List.of(subnet("a", "b"), defaultVia("198.18.0.1", "a", "b"))));
        List<KeptRoute> afterFailure = List.of(subnet("b"), defaultVia("198.18.0.1", "b"));
        handle(new EngineEvent.RoutesKept("g", afterFailure));
        assertThat(group("g").routes()).isEqualTo(afterFailure);

        handle(new EngineEvent.RoutesKept("g", List.of()));
        assertThat(group("g").routes()).isEmpty();
    }

    @Test
    void aReportEqualToTheStoredOneDoesNotChangeTheSnapshotVersion() throws Exception {
        handle(new EngineEvent.RoutesKept("g", List.of(defaultVia("198.18.0.1", "a", "b"))));
        long version = engine.version();

        handle(new EngineEvent.RoutesKept("g", List.of(defaultVia("198.18.0.1", "a", "b"))));
        assertThat(engine.version()).as("the same routes again: no new snapshot").isEqualTo(version);

        handle(new EngineEvent.RoutesKept("g", List.of(defaultVia("198.18.0.1", "b"))));
        assertThat(engine.version()).as("other members: readers must see it").isGreaterThan(version);
    }

    @Test
    void routesOfAGroupNotConfiguredAreNotShown() throws Exception {
        handle(new EngineEvent.RoutesKept("gone", List.of(defaultVia("198.18.0.1", "x"))));
        assertThat(engine.snapshot().groups()).allSatisfy(g -> assertThat(g.routes()).isEmpty());
    }
}
