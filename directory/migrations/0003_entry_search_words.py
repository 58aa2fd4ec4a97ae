"""Free text on PostgreSQL: each entry's folded words in one column, under a GIN index of
the words as lexemes taken verbatim (array_to_tsvector, no text-search parser), so a
search's words are one index lookup instead of a semi-join per word over the word table
(docs/performance.md). SQLite keeps searching EntryWord and gets no index here."""

from django.db import migrations, models

INDEX = "directory_entry_words_gin"


def fill(apps, schema_editor):
    Entry = apps.get_model("directory", "Entry")
    EntryWord = apps.get_model("directory", "EntryWord")
    found = {}
    for entry_id, word in EntryWord.objects.order_by("entry_id", "word").values_list("entry_id", "word"):
        found.setdefault(entry_id, []).append(word)
    for entry_id, entry_words in found.items():
        Entry.objects.filter(pk=entry_id).update(search_words=" ".join(entry_words))


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON directory_entry USING gin (array_to_tsvector(string_to_array(search_words, ' ')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_entryword"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="search_words",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
