#!/usr/bin/env python3
"""Wraps a root file system tarball into a one-layer image tarball in `docker save` format, which
`docker load`, `podman load` and Jib (as a `tar://` base image) all read.

    rootfs-to-image.py ROOTFS.tar OUT.tar NAME:TAG
"""
import hashlib, io, json, os, sys, tarfile

rootfs, out, tag = sys.argv[1:4]

h = hashlib.sha256()
with open(rootfs, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
diff_id = h.hexdigest()

config = {
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "Env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
            "LANG=C.UTF-8",
            "HOME=/var/lib/snapgpu",
        ],
        "User": "185",
        "WorkingDir": "/var/lib/snapgpu",
    },
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
    "history": [{"created_by": "src/main/image/build-base-image.sh (mmdebstrap: bookworm minbase, "
                               "openjdk-17-jre-headless, restic, ca-certificates, tzdata)"}],
}
config_bytes = json.dumps(config, indent=2).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
layer_name = diff_id + "/layer.tar"
manifest = json.dumps([{"Config": config_name, "RepoTags": [tag], "Layers": [layer_name]}]).encode()


def add_bytes(t, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    t.addfile(info, io.BytesIO(data))


tmp = out + ".tmp"
with tarfile.open(tmp, "w") as t:
    add_bytes(t, config_name, config_bytes)
    t.add(rootfs, arcname=layer_name)
    add_bytes(t, "manifest.json", manifest)
os.replace(tmp, out)
