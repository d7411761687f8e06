package io.ringmaster.builtin.virt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringmaster.builtin.support.Xml;
import io.ringmaster.builtin.virt.Tuning.Pin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class TuningTest {

    @Test
    void onlyPinsOfVcpusAndIothreadsTheRunningDomainHasApplyLive() throws Exception {
        Element live =
                Xml.parse(
                                "<domain><vcpu placement='static'>1</vcpu><iothreads>1</iothreads></domain>")
                        .getDocumentElement();
        List<Pin> desired =
                List.of(
                        new Pin("vcpu", "0", "1"),
                        new Pin("vcpu", "1", "1"),
                        new Pin("emulator", "", "0"),
                        new Pin("iothread", "1", "0"),
                        new Pin("iothread", "2", "0"));
        assertThat(Tuning.applicableLive(desired, live))
                .containsExactly(
                        new Pin("vcpu", "0", "1"),
                        new Pin("emulator", "", "0"),
                        new Pin("iothread", "1", "0"));
    }

    @Test
    void currentVcpusCountWhenGiven() throws Exception {
        Element live =
                Xml.parse(
                                "<domain><vcpu current='2'>4</vcpu><iothreadids><iothread id='3'/></iothreadids></domain>")
                        .getDocumentElement();
        List<Pin> desired =
                List.of(
                        new Pin("vcpu", "1", "1"),
                        new Pin("vcpu", "2", "1"),
                        new Pin("iothread", "3", "0"));
        assertThat(Tuning.applicableLive(desired, live))
                .containsExactly(new Pin("vcpu", "1", "1"), new Pin("iothread", "3", "0"));
    }
}
