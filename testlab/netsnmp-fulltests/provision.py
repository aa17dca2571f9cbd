#!/usr/bin/python3
"""One provisioning for both agents: reads the snmpd.conf lines a Net-SNMP fulltest wrote (through
CONFIGAGENT, after adapt.sh's adaptations), keeps what ipmpd's settings file can say (users,
read-only communities with their sources, notification targets, system strings) and writes
  - snmp.json for ipmpd, and
  - snmpd.conf for Debian's snmpd with exactly that provisioning, in snmpd's words: ipmpd's fixed
    VACM (SecurityConfigurator: the read view's subtrees, authPriv-only users, read-only
    communities, the write view on IPMP-MIB's objects only),
  - notes: every directive that was left out or changed and why (shown in the result table).

Usage: provision.py CONF PORT STATE_DIR PERSIST_DIR OUT_JSON OUT_SNMPD_CONF OUT_NOTES
"""
import ipaddress
import json
import shlex
import sys

# SecurityConfigurator.READ_SUBTREES, NOTIFY_EXTRA and IpmpMib.OBJECTS (the views ipmpd gives).
READ_SUBTREES = [".1.3.6.1.2.1.1", ".1.3.6.1.2.1.2", ".1.3.6.1.2.1.11", ".1.3.6.1.2.1.31",
                 ".1.3.6.1.6.3.10.2.1", ".1.3.6.1.6.3.11.2.1", ".1.3.6.1.6.3.15.1.1", ".1.3.6.1.4.1.32473"]
NOTIFY_EXTRA = [".1.3.6.1.6.3.1.1.4", ".1.3.6.1.6.3.1.1.5"]
WRITE_SUBTREES = [".1.3.6.1.4.1.32473.1.1"]

AUTH = {"SHA-256": "SHA-256", "SHA256": "SHA-256", "SHA-384": "SHA-384", "SHA384": "SHA-384",
        "SHA-512": "SHA-512", "SHA512": "SHA-512"}
PRIV = {"AES": "AES-128", "AES128": "AES-128", "AES-128": "AES-128", "AES192": "AES-192",
        "AES-192": "AES-192", "AES256": "AES-256", "AES-256": "AES-256"}
PRIV_SNMPD = {"AES-128": "AES", "AES-192": "AES-192", "AES-256": "AES-256"}
# Adaptation A1 (README): ipmpd refuses MD5 and SHA-1 (and SHA-224).
ADAPT_AUTH = {"MD5", "SHA", "SHA1", "SHA-1", "SHA-224", "SHA224"}
IGNORED = {"[snmp]", "smuxsocket", "oldEngineID", "agentxsocket", "master"}


class Model:
    def __init__(self):
        self.users = {}          # name -> dict(auth, authPass, priv, privPass)
        self.user_access = {}    # name -> "rw" | "ro"
        self.coms = []           # (secname or None, source, community, write, models)
        self.groups = {}         # (model, secname) -> [group]
        self.access = {}         # group -> (read view, write view)
        self.views = {}          # view -> [(included?, oid)]
        self.targets = []
        self.system = {}
        self.trapcommunity = "public"
        self.notes = []

    def note(self, text):
        self.notes.append(text)


def parse(lines, m):
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            w = shlex.split(line)
        except ValueError:
            m.note("not understood: " + line)
            continue
        d, a = w[0], w[1:]
        if d in IGNORED:
            continue
        if d == "createUser":
            if a[:1] == ["-e"]:
                a = a[2:]
            if len(a) < 3:
                m.note("user without authentication left out (ipmpd: authPriv only): " + line)
                continue
            auth = a[1]
            if auth in ADAPT_AUTH:
                m.note("A1: user " + a[0] + " authenticates with SHA-256 instead of " + auth)
                auth = "SHA-256"
            if auth not in AUTH:
                m.note("user with authentication " + auth + " left out: " + line)
                continue
            priv = a[3] if len(a) > 3 else None
            if priv not in PRIV:
                m.note("A2: user " + a[0] + " gets AES privacy instead of " + (priv or "none")
                       + (" (privacy pass phrase: the authentication one)" if len(a) <= 4 else ""))
                priv = "AES"
            # Net-SNMP's createUser: without a privacy pass phrase the authentication one is used.
            m.users[a[0]] = {"auth": AUTH[auth], "authPass": a[2], "priv": PRIV[priv],
                             "privPass": a[4] if len(a) > 4 else a[2]}
        elif d in ("rouser", "rwuser"):
            name = a[0]
            rest = a[1:]
            if rest and rest[0] == "-s":
                rest = rest[2:]
            if rest and rest[0] in ("noauth", "auth", "priv", "authpriv"):
                if rest[0] not in ("priv", "authpriv"):
                    m.note("A3: " + d + " " + name + ": level " + rest[0] + " becomes priv (ipmpd: authPriv only)")
                rest = rest[1:]
            if rest:
                m.note(d + " " + name + ": OID restriction " + " ".join(rest)
                       + " not expressible (ipmpd's read view is fixed)")
            write = d == "rwuser"
            prev = m.user_access.get(name)
            m.user_access[name] = "rw" if write or prev == "rw" else "ro"
        elif d in ("rocommunity", "rwcommunity", "rocommunity6", "rwcommunity6"):
            source = a[1] if len(a) > 1 else "default"
            if source == "-V":
                source = "default"
            if len(a) > 2:
                m.note(d + " " + a[0] + ": OID restriction " + " ".join(a[2:])
                       + " not expressible (ipmpd's read view is fixed)")
            if d.startswith("rw"):
                m.note(d + " " + a[0] + ": ipmpd has no write community; provisioned read-only")
            m.coms.append((None, source, a[0], d.startswith("rw"), {"v1", "v2c"}))
        elif d in ("com2sec", "com2sec6"):
            if a[:1] == ["-Cn"]:
                m.note("com2sec context " + a[1] + " not expressible")
                a = a[2:]
            if len(a) != 3:
                m.note("not understood: " + line)
                continue
            m.coms.append((a[0], a[1], a[2], False, None))
        elif d == "group":
            m.groups.setdefault((a[1], a[2]), []).append(a[0])
        elif d == "access":
            # access GROUP CONTEXT MODEL LEVEL PREFIX READ WRITE NOTIFY
            if len(a) >= 7:
                m.access[a[0]] = (a[5], a[6], a[3], a[2])
        elif d == "view":
            m.views.setdefault(a[0], []).append((a[1] == "included", a[2]))
        elif d in ("trapsink", "trap2sink", "informsink"):
            spec = a[0][4:] if a[0].startswith("udp:") else a[0]
            host, sep, port = spec.rpartition(":")
            if not sep:
                host, port = spec, "162"
            community = a[1] if len(a) > 1 else m.trapcommunity
            if d == "trapsink":
                m.note("trapsink (SNMPv1 trap): ipmpd sends no SNMPv1; provisioned as an SNMPv2c trap")
            m.targets.append({"address": host, "port": int(port or "162"), "community": community,
                              "type": "inform" if d == "informsink" else "trap"})
        elif d == "trapcommunity":
            m.trapcommunity = a[0]
        elif d in ("sysname", "syscontact", "syslocation"):
            m.system[d[3:]] = " ".join(a)
        elif d == "authtrapenable":
            m.note("authtrapenable " + a[0] + ": ipmpd's snmpEnableAuthenTraps is its own (not settable from the file)")
        else:
            m.note("not expressible in ipmpd's settings: " + line)


def view_is_all(m, view):
    return m.views.get(view) == [(True, ".1")]


def resolve(m):
    """ipmpd's users and communities from the parsed directives (the VACM lines decide access)."""
    users = []
    for name, u in m.users.items():
        access = m.user_access.get(name)
        for (model, sec), groups in m.groups.items():
            if model == "usm" and sec == name:
                for g in groups:
                    if g in m.access:
                        read, write, level, _ = m.access[g]
                        for v in (read, write):
                            if v != "none" and not view_is_all(m, v):
                                m.note("view " + v + " of group " + g + " not expressible (ipmpd's views are fixed)")
                        if level != "priv":
                            m.note("A3: access " + g + ": level " + level + " becomes priv (ipmpd: authPriv only)")
                        access = "rw" if write != "none" else (access or ("ro" if read != "none" else None))
        if access == "rw":
            m.note("user " + name + " writes IPMP-MIB's objects only (ipmpd's write view)")
        users.append({"name": name, "auth": u["auth"], "authPassphrase": u["authPass"], "priv": u["priv"],
                      "privPassphrase": u["privPass"], "access": access or "none"})
    communities = []
    for sec, source, community, write, models in m.coms:
        if sec is not None:
            models = set()
            for (model, s), groups in m.groups.items():
                if s != sec:
                    continue
                for g in groups:
                    if g not in m.access:
                        continue
                    read, wv, _, _ = m.access[g]
                    if read == "none":
                        continue
                    models |= {"v1", "v2c"} if model == "any" else {model}
                    for v in (read, wv):
                        if v != "none" and not view_is_all(m, v):
                            m.note("view " + v + " (community " + community
                                   + ") not expressible (ipmpd's read view is fixed)")
                    if wv != "none":
                        m.note("community " + community + " with write access: ipmpd has no write community;"
                               " provisioned read-only")
            if not models:
                continue
        if "v2c" not in models:
            m.note("community " + community + " is SNMPv1 only: ipmpd speaks no SNMPv1; provisioned for SNMPv2c")
        net = network(source, m)
        if net is False:
            continue
        communities.append({"community": community, "sources": [] if net is None else [net]})
    return users, communities


def network(source, m):
    if source == "default":
        return None
    try:
        return str(ipaddress.ip_network(source, strict=False))
    except ValueError:
        m.note("community source " + source + " is not an address or network: left out")
        return False


def snmpd_conf(settings, persist):
    out = ["[snmp] persistentdir " + persist,
           "sysname " + settings["system"]["name"],
           "syscontact " + settings["system"]["contact"],
           "syslocation " + settings["system"]["location"]]
    for o in READ_SUBTREES:
        out.append("view ipmpRead included " + o)
        out.append("view ipmpNotify included " + o)
    for o in NOTIFY_EXTRA:
        out.append("view ipmpNotify included " + o)
    for o in WRITE_SUBTREES:
        out.append("view ipmpWrite included " + o)
    for i, c in enumerate(settings["communities"]):
        sources = c["sources"] or ["default"]
        for j, s in enumerate(sources):
            sec = "ipmpCommunity%d_%d" % (i, j)
            out.append("com2sec%s %s %s %s" % ("6" if ":" in s else "", sec, s, c["community"]))
            out.append("group ipmpV2cReadOnly v2c " + sec)
    out.append('access ipmpV2cReadOnly "" v2c noauth exact ipmpRead none none')
    groups = {"ro": "ipmpV3ReadOnly", "rw": "ipmpV3ReadWrite", "none": "ipmpV3NotifyOnly"}
    for u in settings["users"]:
        out.append("createUser %s %s %s %s %s" % (u["name"], u["auth"], shlex.quote(u["authPassphrase"]),
                                                  PRIV_SNMPD[u["priv"]], shlex.quote(u["privPassphrase"])))
        out.append("group %s usm %s" % (groups[u["access"]], u["name"]))
    out.append('access ipmpV3ReadOnly "" usm priv exact ipmpRead none ipmpNotify')
    out.append('access ipmpV3ReadWrite "" usm priv exact ipmpRead ipmpWrite ipmpNotify')
    out.append('access ipmpV3NotifyOnly "" usm priv exact none none ipmpNotify')
    for t in settings["trapTargets"]:
        where = "%s:%d" % (t["address"], t["port"])
        out.append("%s %s %s" % ("informsink" if t["type"] == "inform" else "trap2sink", where, t["community"]))
    return "\n".join(out) + "\n"


def main(argv):
    conf, port, state, persist, out_json, out_conf, out_notes = argv[1:8]
    m = Model()
    try:
        with open(conf) as f:
            parse(f.readlines(), m)
    except FileNotFoundError:
        m.note("the test configured nothing")
    users, communities = resolve(m)
    settings = {
        "listen": {"address": "127.0.0.1", "port": int(port)},
        "stateDirectory": state,
        "system": {"name": m.system.get("name", "fulltests"), "contact": m.system.get("contact", "fulltests"),
                   "location": m.system.get("location", "fulltests")},
        "users": users,
        "communities": communities,
        "trapTargets": m.targets,
    }
    with open(out_json, "w") as f:
        json.dump(settings, f, indent=2)
    with open(out_conf, "w") as f:
        f.write(snmpd_conf(settings, persist))
    with open(out_notes, "w") as f:
        f.write("".join(n + "\n" for n in dict.fromkeys(m.notes)))


if __name__ == "__main__":
    main(sys.argv)
