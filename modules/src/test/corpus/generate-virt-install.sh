#!/bin/sh
# Generates real virt-install output for the domain-XML corpus (a one-off tool run by hand on the build machine,
# never on a host; see modules/src/test/resources/virt/corpus/SOURCES.md).
#   Needs: apt-get install -y --no-install-recommends virtinst osinfo-db  (virt-install 4.1.0, Debian 12)
#   Usage: generate-virt-install.sh OUTDIR    -> OUTDIR/NN-slug.xml and OUTDIR/commands.tsv
# virt-install runs with --print-xml --dry-run against qemu:///system, so it sees this host's real capabilities and
# defines nothing; it does create a directory pool for the disk directory, named rmc-gen, removed at the end.
# Option sets follow the categories of virt-manager's own CLI tests (tests/test_cli.py): CPU models and topology,
# NUMA, cputune, iothreads, disk cache/io, NICs, graphics, video, serial/console/channel, rng, watchdog, sound...
set -eu
OUT=$1
D=/var/lib/libvirt/images/rmc-gen
mkdir -p "$OUT" "$D"
: > "$OUT/commands.tsv"
OSES="rhel9.0 win10 ubuntu22.04 debian11 win2k19 centos7.0 fedora37 rocky9 opensuse15.4 win2k22 almalinux9
ubuntu20.04 sles15sp4 win7 freebsd13.1 debian10 alpinelinux3.17 generic rhel8.6 linux2022 archlinux win2k16"
n=0
gen() { # slug, machine, extra args...
  slug=$1; mach=$2; shift 2
  os=$(echo $OSES | tr ' ' '\n' | sed -n "$(( n % 22 + 1 ))p")
  name=$(printf 'rmc-gen-%03d' "$n")
  set -- --connect qemu:///system --print-xml --dry-run --noautoconsole --name "$name" --osinfo "$os" \
    --machine "$mach" --import --disk "path=$D/$name.qcow2,size=8,format=qcow2" "$@"
  if virt-install "$@" > "$OUT/tmp.xml" 2> "$OUT/tmp.err"; then
    mv "$OUT/tmp.xml" "$OUT/$(printf '%03d' "$n")-$slug-$os.xml"
    printf '%03d-%s-%s.xml\tvirt-install %s\n' "$n" "$slug" "$os" "$*" >> "$OUT/commands.tsv"
  else
    echo "virt-install refused $slug ($os): $(cat "$OUT/tmp.err")" >&2
  fi
  n=$((n + 1))
}

for m in q35 pc pc-q35-6.2 pc-i440fx-7.2; do
gen plain "$m" --memory 2048 --vcpus 2 --network user
gen cpu-host-passthrough "$m" --memory 4096 --vcpus 4 --cpu host-passthrough --network user
gen cpu-named "$m" --memory 2048 --vcpus 2 --cpu Skylake-Client-IBRS --network user,model=e1000e
gen cpu-features "$m" --memory 2048 --vcpus 2 --cpu Haswell-noTSX,+vmx,-hle,require=pcid --network user
gen cpu-topology "$m" --memory 8192 --vcpus 8,sockets=2,cores=2,threads=2 --cpu host-model --network user
gen maxvcpus "$m" --memory 2048 --vcpus 2,maxvcpus=8 --network user
gen numa-cells "$m" --memory 2048 --vcpus 2 --cpu host-passthrough,cell0.memory=1048576,cell0.cpus=0,cell1.memory=1048576,cell1.cpus=1 --network user
gen numatune "$m" --memory 2048 --vcpus 2 --numatune 0,mode=strict --network user
gen numatune-interleave "$m" --memory 2048 --vcpus 4 --numatune memory.mode=interleave,memory.nodeset=0 --network user
gen cputune "$m" --memory 2048 --vcpus 2 --cputune vcpupin0.vcpu=0,vcpupin0.cpuset=0,vcpupin1.vcpu=1,vcpupin1.cpuset=1,emulatorpin.cpuset=0 --network user
gen cputune-shares "$m" --memory 1024 --vcpus 2 --cputune shares=2048,period=100000,quota=50000,vcpupin0.vcpu=0,vcpupin0.cpuset=0-1 --network user
gen vcpus-cpuset "$m" --memory 1024 --vcpus 2,cpuset=0-1 --network user
gen iothreads "$m" --memory 2048 --vcpus 2 --iothreads 2 --disk "path=$D/x$n.qcow2,size=4,bus=virtio,driver.iothread=1" --network user
gen iothreadpin "$m" --memory 2048 --vcpus 2 --iothreads iothreads=1 --cputune iothreadpin0.iothread=1,iothreadpin0.cpuset=1,vcpupin0.vcpu=0,vcpupin0.cpuset=0 --network user
gen disk-cache-none "$m" --memory 2048 --vcpus 2 --disk "path=$D/y$n.img,size=4,format=raw,bus=virtio,cache=none,io=native,discard=unmap" --network user
gen disk-io-uring "$m" --memory 2048 --vcpus 2 --disk "path=$D/y$n.img,size=4,format=raw,bus=virtio,cache=none,io=io_uring,detect_zeroes=unmap" --network user
gen disk-writeback "$m" --memory 2048 --vcpus 2 --disk "path=$D/y$n.qcow2,size=4,bus=scsi,cache=writeback" --controller scsi,model=virtio-scsi --network user
gen disk-many "$m" --memory 4096 --vcpus 2 --disk "path=$D/a$n.qcow2,size=4,bus=virtio,serial=data1" --disk "path=$D/b$n.img,size=4,format=raw,bus=sata,readonly=on" --disk device=cdrom,bus=sata --network user
gen disk-cdrom-floppy "$m" --memory 1024 --vcpus 1 --disk device=cdrom --disk device=floppy --network user
gen disk-shareable "$m" --memory 1024 --vcpus 1 --disk "path=$D/s$n.img,size=1,format=raw,shareable=on,cache=none" --network user
gen disk-bootorder "$m" --memory 1024 --vcpus 1 --disk "path=$D/o$n.qcow2,size=1,boot.order=2" --network user,boot.order=1
gen disk-iotune "$m" --memory 1024 --vcpus 1 --disk "path=$D/t$n.qcow2,size=1,bus=virtio,iotune.total_iops_sec=1000,iotune.total_bytes_sec=10485760" --network user
gen nic-many "$m" --memory 2048 --vcpus 2 --network user,model=virtio --network user,model=e1000 --network user,model=rtl8139,mac=52:54:00:12:34:56
gen nic-none "$m" --memory 1024 --vcpus 1 --network none
gen graphics-vnc "$m" --memory 1024 --vcpus 1 --graphics vnc,listen=127.0.0.1 --network user
gen graphics-vnc-port "$m" --memory 1024 --vcpus 1 --graphics vnc,port=5931,listen=127.0.0.1,keymap=de --network user
gen graphics-spice "$m" --memory 2048 --vcpus 2 --graphics spice,listen=none --video qxl --network user
gen graphics-password "$m" --memory 1024 --vcpus 1 --graphics vnc,password=s3cret,listen=127.0.0.1 --network user
gen graphics-none "$m" --memory 1024 --vcpus 1 --graphics none --network user
gen video-virtio "$m" --memory 1024 --vcpus 1 --video virtio --network user
gen video-vga "$m" --memory 1024 --vcpus 1 --video vga --network user
gen video-bochs "$m" --memory 1024 --vcpus 1 --video bochs --graphics vnc --network user
gen serial-file "$m" --memory 1024 --vcpus 1 --serial file,path=/var/lib/libvirt/images/rmc-gen/serial.log --network user
gen serial-tcp "$m" --memory 1024 --vcpus 1 --serial tcp,host=127.0.0.1:4555,mode=bind,protocol.type=telnet --network user
gen console-virtio "$m" --memory 1024 --vcpus 1 --console pty,target.type=virtio --network user
gen channel-agent "$m" --memory 1024 --vcpus 1 --channel unix,target.type=virtio,name=org.qemu.guest_agent.0 --network user
gen channel-spicevmc "$m" --memory 1024 --vcpus 1 --graphics spice --channel spicevmc --network user
gen rng-urandom "$m" --memory 1024 --vcpus 1 --rng /dev/urandom --network user
gen rng-builtin "$m" --memory 1024 --vcpus 1 --rng builtin,rate.bytes=1024,rate.period=1000 --network user
gen watchdog "$m" --memory 1024 --vcpus 1 --watchdog i6300esb,action=reset --network user
gen sound "$m" --memory 1024 --vcpus 1 --sound ich6 --network user
gen memballoon "$m" --memory 1024 --vcpus 1 --memballoon virtio,stats.period=10 --network user
gen memballoon-none "$m" --memory 1024 --vcpus 1 --memballoon none --network user
gen memtune "$m" --memory 2048 --vcpus 2 --memtune hard_limit=4194304,soft_limit=3145728 --blkiotune weight=500 --network user
gen memorybacking "$m" --memory 2048 --vcpus 2 --memorybacking source.type=memfd,access.mode=shared --network user
gen features "$m" --memory 1024 --vcpus 1 --features kvm_hidden=on,pmu.state=off --clock offset=utc,hpet_present=no --pm suspend_to_mem.enabled=off,suspend_to_disk.enabled=off --network user
gen events "$m" --memory 1024 --vcpus 1 --events on_poweroff=destroy,on_reboot=restart,on_crash=restart --network user
gen boot-menu "$m" --memory 1024 --vcpus 1 --boot hd,cdrom,menu=on --network user
gen sysinfo "$m" --memory 1024 --vcpus 1 --sysinfo bios.vendor=Ringmaster,system.manufacturer=Example,system.product=Corpus --network user
gen input-virtio "$m" --memory 1024 --vcpus 1 --input keyboard,bus=virtio --input mouse,bus=virtio --network user
gen tpm "$m" --memory 1024 --vcpus 1 --tpm emulator --network user
gen panic "$m" --memory 1024 --vcpus 1 --panic isa --network user
gen filesystem "$m" --memory 1024 --vcpus 1 --filesystem /srv,share --network user
gen controller-usb "$m" --memory 1024 --vcpus 1 --controller usb3 --redirdev usb,type=spicevmc --graphics spice --network user
gen metadata "$m" --memory 1024 --vcpus 1 --metadata title=Corpus,description=generated --network user
gen resource "$m" --memory 1024 --vcpus 1 --resource partition=/machine --network user
gen hugepages "$m" --memory 2048 --vcpus 2 --memorybacking hugepages.page0.size=2048,hugepages.page0.unit=KiB --network user
done
virsh -c qemu:///system pool-destroy rmc-gen >/dev/null 2>&1 || true
virsh -c qemu:///system pool-undefine rmc-gen >/dev/null 2>&1 || true
rm -rf "$D" "$OUT/tmp.xml" "$OUT/tmp.err"
