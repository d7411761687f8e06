package io.ringmaster.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.error.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlaybookLoaderTest {
    private static final Path DIR = Path.of("src/test/resources/playbooks").toAbsolutePath();
    private static Playbook playbook;
    private static Play web;
    private static List<TaskNode> webTasks;

    @BeforeAll
    static void load() {
        playbook = PlaybookLoader.load(DIR.resolve("site.yml"), List.of());
        web = playbook.plays().get(1);
        webTasks = web.tasks().stream().filter(n -> !(n instanceof FlushHandlers)).toList();
    }

    @Test
    void handlersAreFlushedAfterPreTasksAndAfterRolesAndTasksAsInAnsible() {
        assertThat(web.tasks())
                .extracting(
                        n ->
                                n instanceof FlushHandlers
                                        ? "flush"
                                        : n instanceof Task t
                                                ? t.name()
                                                : "block " + ((Block) n).name())
                .containsExactly(
                        "Say hello",
                        "flush",
                        "Common setup",
                        "Install nginx",
                        "Write nginx config",
                        "Install packages",
                        "block Guarded block",
                        "Extra task",
                        "block include_tasks more.yml",
                        "flush",
                        "Wait for the port");
    }

    private static Task task(TaskNode node) {
        return (Task) node;
    }

    private static Position at(String file, int line, int column) {
        return new Position(DIR.resolve(file), line, column);
    }

    @Test
    void importPlaybookExpandsThePlaysInPlace() {
        assertThat(playbook.plays()).extracting(Play::name).containsExactly("all", "Web servers");
        Play common = playbook.plays().get(0);
        assertThat(common.gatherFacts()).isFalse();
        assertThat(task(common.tasks().get(0)).module()).isEqualTo("ping");
        assertThat(task(common.tasks().get(0)).args()).isEmpty();
        assertThat(common.baseDir()).isEqualTo(DIR);
    }

    @Test
    void playKeysAreRead() {
        assertThat(web.hosts()).isEqualTo("web:db");
        assertThat(web.vars())
                .containsExactly(Map.entry("http_port", 8080L), Map.entry("mode", 420L));
        assertThat(web.varsFiles()).containsExactly("vars/common.yml", "vars/${os_family}.yml");
        assertThat(web.gatherFacts()).isTrue();
        assertThat(web.become()).isEqualTo(new BecomeSpec(true, "root"));
        assertThat(web.serial()).containsExactly(1, "30%");
        assertThat(web.maxFailPercentage()).isEqualTo(20);
        assertThat(web.anyErrorsFatal()).isFalse();
        assertThat(web.tags()).containsExactly("deploy");
        assertThat(web.position()).isEqualTo(at("site.yml", 5, 3));
    }

    @Test
    void tasksRunPreTasksThenRoleDependenciesThenRoleThenTasksThenPostTasks() {
        assertThat(webTasks)
                .extracting(n -> n instanceof Task t ? t.name() : "block " + ((Block) n).name())
                .containsExactly(
                        "Say hello",
                        "Common setup",
                        "Install nginx",
                        "Write nginx config",
                        "Install packages",
                        "block Guarded block",
                        "Extra task",
                        "block include_tasks more.yml",
                        "Wait for the port");
    }

    @Test
    void roleTasksCarryTheirRoleWithDefaultsVarsAndParameters() {
        Task install = task(webTasks.get(2));
        RoleRef role = install.role();
        assertThat(role.name()).isEqualTo("webserver");
        assertThat(role.dir()).isEqualTo(DIR.resolve("roles/webserver"));
        assertThat(role.defaults())
                .containsEntry("listen_port", 80L)
                .containsEntry("worker_processes", "auto");
        assertThat(role.vars()).containsEntry("nginx_user", "www-data");
        assertThat(role.params()).containsEntry("listen_port", 9090L);
        assertThat(install.args()).containsEntry(Task.FREE_FORM, "name=nginx state=present");
        Task common = task(webTasks.get(1));
        assertThat(common.role().name()).isEqualTo("common");
        assertThat(common.role().defaults()).containsEntry("common_pkgs", List.of("vim"));
        assertThat(task(webTasks.get(3)).role()).isEqualTo(role);
        assertThat(task(webTasks.get(0)).role()).isNull();
    }

    @Test
    void tagsInheritFromPlayRoleUseBlockAndInclude() {
        assertThat(task(webTasks.get(0)).options().tags()).containsExactly("deploy");
        assertThat(task(webTasks.get(1)).options().tags()).containsExactly("web", "deploy");
        assertThat(task(webTasks.get(3)).options().tags())
                .containsExactly("config", "web", "deploy");
        Block guarded = (Block) webTasks.get(5);
        assertThat(guarded.options().tags()).containsExactly("guarded", "deploy");
        assertThat(task(guarded.rescue().get(0)).options().tags())
                .containsExactly("guarded", "deploy");
        assertThat(task(webTasks.get(6)).options().tags()).containsExactly("extra", "deploy");
        Block more = (Block) webTasks.get(7);
        assertThat(task(more.block().get(0)).options().tags()).containsExactly("extra", "deploy");
    }

    @Test
    void moduleArgumentsKeepTheirPositionsAndFqcnIsShortened() {
        Task install = task(webTasks.get(4));
        assertThat(install.module()).isEqualTo("package");
        assertThat(install.args())
                .containsExactly(Map.entry("name", "$pkg"), Map.entry("state", "present"));
        assertThat(install.argPositions()).containsEntry("name", at("site.yml", 30, 9));
        assertThat(install.position()).isEqualTo(at("site.yml", 28, 7));
    }

    @Test
    void loopRegisterNotifyAndLoopVarAreRead() {
        TaskOptions o = task(webTasks.get(4)).options();
        assertThat(o.loop()).isEqualTo(List.of("nginx", "curl"));
        assertThat(o.loopVar()).isEqualTo("pkg");
        assertThat(o.register()).isEqualTo("installed");
        assertThat(o.notifies()).containsExactly("restart nginx");
    }

    @Test
    void blocksKeepBlockRescueAlwaysAndConditionsWithPositions() {
        Block b = (Block) webTasks.get(5);
        assertThat(b.options().when())
                .containsExactly(new Expr("$installed.changed", at("site.yml", 39, 13)));
        assertThat(b.block()).extracting(n -> task(n).name()).containsExactly("Check");
        assertThat(b.rescue()).extracting(n -> task(n).name()).containsExactly("Recover");
        assertThat(b.always()).extracting(n -> task(n).name()).containsExactly("Done");
        assertThat(task(b.block().get(0)).options().changedWhen())
                .containsExactly(new Expr("false", at("site.yml", 44, 25)));
        assertThat(task(b.always().get(0)).args()).containsEntry(Task.FREE_FORM, "msg=done");
    }

    @Test
    void includeTasksWithWhenIsWrappedInABlockAndPositionsPointIntoTheIncludedFile() {
        Task extra = task(webTasks.get(6));
        assertThat(extra.position()).isEqualTo(at("tasks/extra.yml", 1, 3));
        Block more = (Block) webTasks.get(7);
        assertThat(more.options().when()).extracting(Expr::text).containsExactly("$http_port > 80");
        assertThat(more.block().get(0).position()).isEqualTo(at("tasks/more.yml", 1, 3));
    }

    @Test
    void untilRetriesAndDelayAreRead() {
        TaskOptions o = task(webTasks.get(8)).options();
        assertThat(o.until()).extracting(Expr::text).containsExactly("$r.rc == 0");
        assertThat(o.retries()).isEqualTo(5);
        assertThat(o.delay()).isEqualTo(2.0);
    }

    @Test
    void handlersAreRoleHandlersThenPlayHandlers() {
        assertThat(web.handlers())
                .extracting(Task::name)
                .containsExactly("restart nginx", "reload firewall");
        assertThat(web.handlers().get(0).role().name()).isEqualTo("webserver");
        assertThat(web.handlers().get(1).options().listen()).containsExactly("firewall changed");
    }

    @Test
    void varsFileIsAMap() {
        assertThat(PlaybookLoader.loadVarsFile(DIR.resolve("vars/common.yml")))
                .containsExactly(Map.entry("ntp_server", "pool.ntp.org"));
    }
}
