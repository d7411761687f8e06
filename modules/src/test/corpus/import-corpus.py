#!/usr/bin/env python3
"""Builds modules/src/test/resources/virt/corpus/ from real-world libvirt domain XML (a one-off tool, run by hand
on the build machine, never on a host; see SOURCES.md there).

Input: a TSV manifest, one candidate file a line: LOCAL_FILE <tab> ORIGIN <tab> HOW (command line) <tab> VERSION
<tab> LICENCE [<tab> libvirt]. With "libvirt" the stored template is libvirt's own formatting of the definition
(`virsh dumpxml --inactive` right after the define, uuid removed): what a team that exports its VMs with virsh
dumpxml holds as templates.
A file may hold several <domain> documents (virt-install prints the install and the boot phase): the LAST is kept.

Each candidate is rewritten mechanically (every rewrite applied is recorded in SOURCES.md):
  name       -> rmc-NNN-<slug>;  <uuid> and <domain id=> removed
  type test  -> kvm (virt-manager's test-driver outputs); os arch must be x86_64/i686
  machine    -> 'q35' / 'pc' when this QEMU (7.2) lacks the versioned machine type
  emulator   -> /usr/bin/qemu-system-x86_64
  disk/cdrom/floppy sources of type file, block or volume -> type='file' under /var/lib/libvirt/images/rmc-corpus/
             (the test creates those files; a cdrom or floppy with no source stays empty)
  interface  -> type='user' (no source/virtualport/target), mac/model/address/boot/driver kept
  hostdev, and devices that need host hardware (tpm passthrough, smartcard passthrough...) removed
Then it is kept only if this machine's libvirtd accepts it: `virsh define` then `virsh undefine` (under the lab lock).

Usage: flock /tmp/ringmaster-lab.lock python3 import-corpus.py MANIFEST OUTDIR
"""
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

URI = "qemu:///system"
IMAGES = "/var/lib/libvirt/images/rmc-corpus"
NS = {"qemu": "http://libvirt.org/schemas/domain/qemu/1.0",
      "libosinfo": "http://libosinfo.org/xmlns/libvirt/domain/1.0",
      "nova": "http://openstack.org/xmlns/libvirt/nova/1.1",
      "ovirt-vm": "http://ovirt.org/vm/1.0"}
for p, u in NS.items():
    ET.register_namespace(p, u)


def machines():
    caps = subprocess.run(["virsh", "-c", URI, "capabilities"], capture_output=True, text=True).stdout
    return set(re.findall(r"<machine[^>]*>([^<]+)</machine>", caps)) | set(
        re.findall(r"canonical='([^']+)'", caps))


MACHINES = machines()


def last_domain(text):
    docs = re.findall(r"<domain[ >].*?</domain>", text, re.S)
    return docs[-1] if docs else None


def slug(path):
    base = re.sub(r"\.xml$", "", path.split("/")[-1])
    base = re.sub(r"^[0-9]+-", "", base)
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:40]


def rewrite(root, name, rewrites):
    if root.get("type") not in ("kvm", "qemu"):
        rewrites.append("type %s->kvm" % root.get("type"))
        root.set("type", "kvm")
    if "id" in root.attrib:
        del root.attrib["id"]
    for bad in [a for a in root.attrib if a not in ("type",)]:
        del root.attrib[bad]
        rewrites.append("dropped domain/@" + bad)
    for tag in ("uuid",):
        for e in root.findall(tag):
            root.remove(e)
    n = root.find("name")
    n.text = name
    ostype = root.find("os/type")
    if ostype is None or ostype.text != "hvm":
        raise Skip("not an hvm guest")
    arch = ostype.get("arch", "x86_64")
    if arch not in ("x86_64", "i686"):
        raise Skip("arch " + arch)
    m = ostype.get("machine")
    if m and m not in MACHINES:
        new = "q35" if "q35" in m else "pc"
        if not (m.startswith("pc") or m == "q35"):
            raise Skip("machine " + m)
        ostype.set("machine", new)
        rewrites.append("machine %s->%s" % (m, new))
    devices = root.find("devices")
    if devices is None:
        devices = ET.SubElement(root, "devices")
    emu = devices.find("emulator")
    if emu is not None and emu.text != "/usr/bin/qemu-system-x86_64":
        emu.text = "/usr/bin/qemu-system-x86_64"
        rewrites.append("emulator")
    disks(devices, name, rewrites)
    interfaces(devices, rewrites)
    for e in list(devices):
        backend = e.find("backend")
        needs_host = (e.tag == "hostdev"
                      or (e.tag == "tpm" and backend is not None and backend.get("type") == "passthrough")
                      or (e.tag == "smartcard" and e.get("mode") in ("passthrough", "host")))
        if needs_host:
            devices.remove(e)
            rewrites.append("removed " + e.tag)
    if root.find("seclabel[@type='static']") is not None:
        raise Skip("static seclabel")


def disks(devices, name, rewrites):
    i = 0
    changed = False
    for d in devices.findall("disk"):
        t = d.get("type", "file")
        src = d.find("source")
        if t in ("file", "block", "volume") and src is not None and (src.attrib or t == "volume"):
            i += 1
            fmt = "qcow2" if (d.find("driver") is not None and d.find("driver").get("type") == "qcow2") else "img"
            d.set("type", "file")
            for a in list(src.attrib):
                if a not in ("startupPolicy", "index"):
                    del src.attrib[a]
            src.set("file", "%s/%s-d%d.%s" % (IMAGES, name, i, fmt))
            for c in list(src):
                if c.tag in ("seclabel",):
                    src.remove(c)
            bs = d.find("backingStore")
            if bs is not None:
                d.remove(bs)
            changed = True
        elif t == "dir":
            raise Skip("disk type dir")
    if changed:
        rewrites.append("disk sources->rmc-corpus files")


KEEP_IN_USER = {"mac", "model", "address", "boot", "driver", "rom", "alias", "link", "acpi", "backend",
                "ip", "route", "portForward"}


def interfaces(devices, rewrites):
    changed = False
    for itf in devices.findall("interface"):
        if itf.get("type") == "user":
            continue
        itf.attrib.clear()
        itf.set("type", "user")
        for c in list(itf):
            if c.tag not in KEEP_IN_USER:
                itf.remove(c)
        drv = itf.find("driver")
        if drv is not None:
            for c in list(drv):
                itf.find("driver").remove(c)
            for a in ("name", "queues", "rx_queue_size", "tx_queue_size", "txmode", "vhostuser"):
                drv.attrib.pop(a, None)
            if not drv.attrib:
                itf.remove(drv)
        changed = True
    if changed:
        rewrites.append("interfaces->user")


def as_written(doc, name, rewrites):
    """The generator's own text with only name, uuid and disk files replaced, when those are all the rewrites."""
    if any(r != "disk sources->rmc-corpus files" for r in rewrites):
        return None
    text = re.sub(r"<name>[^<]*</name>", "<name>%s</name>" % name, doc, count=1)
    text = re.sub(r"\n\s*<uuid>[^<]*</uuid>", "", text, count=1)
    count = [0]

    def disk(m):
        count[0] += 1
        ext = "qcow2" if 'type="qcow2"' in m.group(1) or "type='qcow2'" in m.group(1) else "img"
        return '%s<source file="%s/%s-d%d.%s"/>' % (m.group(1), IMAGES, name, count[0], ext)
    text = re.sub(r"(<disk [^>]*>(?:(?!</disk>).)*?)<source file=[\"'][^\"']*[\"']\s*/>", disk, text, flags=re.S)
    return text.rstrip("\n") + "\n"


class Skip(Exception):
    pass


def accepted(xml, name, formatted=False):
    """(defined, why not, libvirt's own formatting of it when formatted)."""
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(xml)
    r = subprocess.run(["virsh", "-c", URI, "define", f.name], capture_output=True, text=True)
    dump = subprocess.run(["virsh", "-c", URI, "dumpxml", "--inactive", name], capture_output=True,
                          text=True).stdout if formatted and r.returncode == 0 else ""
    subprocess.run(["virsh", "-c", URI, "undefine", "--nvram", name], capture_output=True, text=True)
    subprocess.run(["virsh", "-c", URI, "undefine", name], capture_output=True, text=True)
    subprocess.run(["rm", "-f", f.name])
    dump = re.sub(r"\n\s*<uuid>[^<]*</uuid>", "", dump, count=1)
    return r.returncode == 0, (r.stderr or r.stdout).strip().replace("\n", " "), dump


def main(manifest, outdir):
    rows = [l.rstrip("\n").split("\t") for l in open(manifest) if l.strip() and not l.startswith("#")]
    kept, seen, no = [], set(), 0
    for row in rows:
        local, repo, path, commit, licence = row[:5]
        formatted = len(row) > 5 and row[5] == "libvirt"
        text = open(local, encoding="utf-8").read()
        doc = last_domain(text)
        if doc is None:
            continue
        try:
            root = ET.fromstring(doc)
        except ET.ParseError as e:
            print("skip %s: not XML (%s)" % (path, e), file=sys.stderr)
            continue
        if root.find("name") is None or root.find("memory") is None:
            print("skip %s: no name or memory" % path, file=sys.stderr)
            continue
        name = "rmc-%03d-%s%s" % (no, slug(local), "-lv" if formatted else "")
        rewrites = []
        try:
            rewrite(root, name, rewrites)
        except Skip as e:
            print("skip %s: %s" % (path, e), file=sys.stderr)
            continue
        xml = as_written(doc, name, rewrites)
        if xml is None:
            ET.indent(root)
            xml = ET.tostring(root, encoding="unicode") + "\n"
        if "$" in xml or "#" in xml:
            print("skip %s: contains $ or # (Velocity syntax)" % path, file=sys.stderr)
            continue
        key = re.sub(r"rmc-\d+-[a-z0-9-]+", "", xml)
        if key in seen:
            print("skip %s: duplicate of an earlier definition" % path, file=sys.stderr)
            continue
        ok, why, dump = accepted(xml, name, formatted)
        if not ok:
            print("reject %s: %s" % (path, why), file=sys.stderr)
            continue
        if formatted:
            xml = dump.rstrip("\n") + "\n"
            rewrites.append("libvirt-formatted: the template is virsh dumpxml --inactive of it after define, uuid removed")
        seen.add(key)
        open("%s/%s.xml" % (outdir, name), "w").write(xml)
        kept.append((name, repo, path, commit, licence, "; ".join(rewrites) or "name only"))
        no += 1
    write_sources(outdir + "/SOURCES.md", kept, len(rows))
    print("kept %d of %d" % (len(kept), len(rows)), file=sys.stderr)


PREFIX = "virt-install --connect qemu:///system --print-xml --dry-run --noautoconsole "


def write_sources(path, kept, candidates):
    head = open(__file__.rsplit("/", 1)[0] + "/SOURCES-header.md").read()
    with open(path, "w") as out:
        out.write(head.replace("@KEPT@", str(len(kept))).replace("@CANDIDATES@", str(candidates)))
        out.write("\n## Files\n`virt-install ...` stands for `%s`.\n\n| file | generated by | rewrite |\n"
                  "| --- | --- | --- |\n" % PREFIX.strip())
        for name, origin, how, ver, lic, rw in kept:
            how = "virt-install ... " + how[len(PREFIX):] if how.startswith(PREFIX) else how
            out.write("| `%s.xml` | `%s` | name, uuid, %s |\n" % (name, how.replace("|", "\\|"), rw))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
