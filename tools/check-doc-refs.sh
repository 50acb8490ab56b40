#!/usr/bin/env bash
# Every file the documentation cites is in the tree: relative Markdown links
# and `dir/...` references into the tree's own top-level directories (and
# `pvlib/...` headers) in README.md, CHANGELOG.md, SECURITY.md, docs/*.md and
# examples/**/*.md. A reference may name a directory, or a file relative to
# the document's own directory, to the repository root, or to include/.
# Sources of other projects (QEMU's `hw/arm/...`) are not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
n=0
for doc in README.md CHANGELOG.md SECURITY.md docs/*.md $(find examples -name '*.md'); do
	[ -f "$doc" ] || continue
	dir=$(dirname "$doc")
	{
		grep -oE '\]\([^)#: ]+' "$doc" | sed 's/^](//' || true
		grep -oE '`(tools|docs|lib|include|tests|examples|ports|bench|verification|pvlib|\.ci)/[A-Za-z0-9_./-]*`' \
			"$doc" | tr -d '`' || true
		# Other documents named in prose (DESIGN.md, notes.md): here or in docs/.
		grep -oE '(^|[^A-Za-z0-9_/.-])[A-Za-z0-9_-]+\.md\b' "$doc" |
			sed -E 's/^[^A-Za-z0-9_-]//' || true
	} | sort -u | while read -r ref; do
		case "$ref" in http*|mailto*) continue ;; esac
		ref=${ref%/}
		[ -e "$dir/$ref" ] || [ -e "$ref" ] || [ -e "include/$ref" ] || [ -e "docs/$ref" ] || {
			echo "$doc: cites $ref, which is not in the tree"
			echo x >>"${TMPDIR:-/tmp}/pvlib-doc-refs.$$"
		}
	done
	n=$((n + 1))
done
if [ -e "${TMPDIR:-/tmp}/pvlib-doc-refs.$$" ]; then
	rm -f "${TMPDIR:-/tmp}/pvlib-doc-refs.$$"
	exit 1
fi
echo "docs: every file cited by $n documents is in the tree"
