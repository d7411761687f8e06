package io.ringmaster.builtin.system;

import io.ringmaster.module.api.Shell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one package manager is asked what is installed and told to change it: {@code apt}
 * (dpkg-query, apt-cache policy, apt-get) and {@code dnf} (rpm -q, dnf check-update, dnf). Pure:
 * commands out, parsing in.
 */
enum PackageBackend {
    APT("apt") {
        @Override
        String query(List<String> names, boolean latest) {
            String q =
                    "dpkg-query -W -f='${Package} ${db:Status-Status} ${Version}\\n' -- "
                            + words(names)
                            + " 2>/dev/null; true";
            return latest ? q + "; echo @@policy; LC_ALL=C apt-cache policy -- " + words(names) : q;
        }

        @Override
        Map<String, State> parse(String out, List<String> names) {
            Map<String, State> m = empty(names);
            String[] parts = out.split("@@policy\n?", 2);
            for (String line : parts[0].split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length >= 3 && m.containsKey(f[0]) && f[1].equals("installed")) {
                    m.put(f[0], new State(true, f[2], false));
                }
            }
            if (parts.length > 1) {
                policy(parts[1], m);
            }
            return m;
        }

        private void policy(String text, Map<String, State> m) {
            String pkg = null;
            String installed = null;
            for (String line : text.split("\n")) {
                if (!line.startsWith(" ") && line.endsWith(":")) {
                    pkg = line.substring(0, line.length() - 1);
                } else if (line.strip().startsWith("Installed:")) {
                    installed = line.strip().substring(10).strip();
                } else if (line.strip().startsWith("Candidate:")
                        && pkg != null
                        && m.containsKey(pkg)) {
                    String cand = line.strip().substring(10).strip();
                    State s = m.get(pkg);
                    boolean newer =
                            s.installed() && !cand.equals("(none)") && !cand.equals(installed);
                    m.put(pkg, new State(s.installed(), s.version(), newer));
                }
            }
        }

        @Override
        String install(List<String> names) {
            return "DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confdef"
                    + " -o Dpkg::Options::=--force-confold -- "
                    + words(names);
        }

        @Override
        String remove(List<String> names) {
            return "DEBIAN_FRONTEND=noninteractive apt-get remove -y -q -- " + words(names);
        }

        @Override
        String upgrade(List<String> names) {
            return install(names);
        }

        @Override
        String updateCache() {
            return "apt-get update -q";
        }
    },
    DNF("dnf") {
        @Override
        String query(List<String> names, boolean latest) {
            String q =
                    "rpm -q --qf '%{NAME} installed %{VERSION}-%{RELEASE}\\n' -- "
                            + words(names)
                            + " 2>/dev/null; true";
            return latest
                    ? q + "; echo @@policy; dnf -q check-update -- " + words(names) + "; true"
                    : q;
        }

        @Override
        Map<String, State> parse(String out, List<String> names) {
            Map<String, State> m = empty(names);
            String[] parts = out.split("@@policy\n?", 2);
            for (String line : parts[0].split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length >= 3 && m.containsKey(f[0]) && f[1].equals("installed")) {
                    m.put(f[0], new State(true, f[2], false));
                }
            }
            for (String line : parts.length > 1 ? parts[1].split("\n") : new String[0]) {
                String pkg = line.strip().split("\\s+")[0].replaceFirst("\\.[^.]+$", "");
                if (m.containsKey(pkg) && m.get(pkg).installed()) {
                    m.put(pkg, new State(true, m.get(pkg).version(), true));
                }
            }
            return m;
        }

        @Override
        String install(List<String> names) {
            return "dnf install -y -q -- " + words(names);
        }

        @Override
        String remove(List<String> names) {
            return "dnf remove -y -q -- " + words(names);
        }

        @Override
        String upgrade(List<String> names) {
            return "dnf upgrade -y -q -- " + words(names);
        }

        @Override
        String updateCache() {
            return "dnf makecache -q";
        }
    };

    /** One package on the host: installed (with version), and whether a newer one is available. */
    record State(boolean installed, String version, boolean upgradable) {}

    final String id;

    PackageBackend(String id) {
        this.id = id;
    }

    abstract String query(List<String> names, boolean latest);

    abstract Map<String, State> parse(String out, List<String> names);

    abstract String install(List<String> names);

    abstract String remove(List<String> names);

    abstract String upgrade(List<String> names);

    abstract String updateCache();

    static PackageBackend byId(String id) {
        for (PackageBackend b : values()) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        return null;
    }

    /** Shell that prints apt or dnf (the first found), or nothing. */
    static String detect() {
        return "if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then echo apt;"
                + " elif command -v dnf >/dev/null 2>&1; then echo dnf; fi";
    }

    private static Map<String, State> empty(List<String> names) {
        Map<String, State> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, new State(false, "", false)));
        return m;
    }

    private static String words(List<String> names) {
        return Shell.join(names);
    }
}
