package io.ringmaster.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Jinja forms the issue lists, each as ringmaster convert rewrites it. */
class ConverterTest {

    private static String yaml(String text) {
        return Converter.convert(text, true).text();
    }

    @Test
    void interpolationsDefaultsAndFiltersBecomeVelocity() {
        assertThat(yaml("  dest: \"{{ conf_dir }}/app.conf\""))
                .isEqualTo("  dest: \"${conf_dir}/app.conf\"");
        assertThat(yaml("  msg: \"{{ out.stdout | default('none') }}\""))
                .isEqualTo("  msg: \"${out.stdout|'none'}\"");
        assertThat(yaml("  loop: \"{{ vms }}\"")).isEqualTo("  loop: \"${vms}\"");
        assertThat(yaml("  n: \"{{ count | int }}\"")).isEqualTo("  n: \"${count}\"");
        assertThat(yaml("  n: \"{{ disks | length }}\"")).isEqualTo("  n: \"${disks.size()}\"");
        assertThat(yaml("  shell: echo $HOME {{ x['y'] }}"))
                .isEqualTo("  shell: echo $$HOME ${x.y}");
    }

    @Test
    void bareConditionsGetDollarsAndOperators() {
        assertThat(yaml("  when: x == 1 and not y")).isEqualTo("  when: '$x == 1 && !$y'");
        assertThat(yaml("  when: flag | bool")).isEqualTo("  when: '$flag'");
        assertThat(yaml("  when: maybe is defined")).isEqualTo("  when: '$maybe'");
        assertThat(yaml("  when: maybe is not defined")).isEqualTo("  when: '!$maybe'");
        assertThat(yaml("  failed_when: out.rc != 0 or 'error' in out.stdout_lines"))
                .isEqualTo(
                        "  failed_when: \"$out.rc != 0 || $out.stdout_lines.contains('error')\"");
        assertThat(yaml("  changed_when: false")).isEqualTo("  changed_when: false");
        assertThat(yaml("  that:\n    - a.rc == 0\n    - b is succeeded\n  x: 1"))
                .isEqualTo("  that:\n    - '$a.rc == 0'\n    - '!$b.failed'\n  x: 1");
    }

    @Test
    void templateStatementsBecomeDirectives() {
        String j2 =
                "{# managed #}\n{% for d in disks %}\n{% if d.cache is defined %}{{ d.cache }}{% else %}none{% endif %}\n{% endfor %}";
        assertThat(Converter.convert(j2, false).text())
                .isEqualTo(
                        "#* managed *#\n#foreach($d in $disks)\n#if($d.cache)${d.cache}#{else}none#{end}\n#{end}");
    }

    @Test
    void whatCannotBeConvertedIsLeftAndReportedWithItsLine() {
        Converter.Result r =
                Converter.convert(
                        "a: 1\n  msg: \"{{ x | to_json }}\"\n  when: v is version('2', '>=')",
                        true);
        assertThat(r.text()).contains("{{ x | to_json }}").contains("is version");
        assertThat(r.problems()).extracting(Converter.Problem::line).containsExactly(2, 3);
        assertThat(r.problems().get(0).message()).contains("'to_json'");
    }
}
