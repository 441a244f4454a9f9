"""The search index: one SearchEntry per searchable object (a record, an interpretation …).

Besides this table each backend has its full-text index, created by migration 0001 and written
only by gongkai.search.services (never save or delete entries through the ORM directly: the
full-text index would no longer match):

* SQLite — the FTS5 virtual table ``gksearch_fts`` (contentless; rowid = SearchEntry.sort_key);
* PostgreSQL — the column ``search_vector tsvector`` on this table with a GIN index.
"""

from django.db import models

TITLE_MAX_CHARS = 500
# The body kept for matching and snippets. PostgreSQL stores term positions up to 16383 only,
# so a longer body could not be searched phrase-wise to its end.
BODY_MAX_CHARS = 15000
URL_MAX_CHARS = 500


class SearchEntry(models.Model):
    kind = models.CharField("类型", max_length=32, help_text="record（政府信息）、interpretation（政策解读）等")
    object_id = models.PositiveBigIntegerField("对象编号")
    title = models.CharField("标题", max_length=TITLE_MAX_CHARS)
    body = models.TextField("正文（纯文本，截取）", blank=True)
    url = models.CharField("网址", max_length=URL_MAX_CHARS, blank=True)
    category = models.CharField("主题分类代码", max_length=32, blank=True)
    department_id = models.PositiveBigIntegerField("部门编号", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    validity = models.CharField("效力状态代码", max_length=32, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    # Date order key, unique: published_at (seconds) in the high 32 bits, id in the low 32 bits
    # (services.sort_key). SQLite uses it as the FTS5 rowid, so "newest first" is the index order.
    sort_key = models.BigIntegerField(null=True, editable=False)
    # SQLite only: the segmented words last written to the contentless FTS5 table, needed to
    # delete that row again (the dictionary may have changed since). Empty on PostgreSQL.
    index_words = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="gksearch_entry_kind_object")]
        indexes = [
            # Each filter with the date order key: PostgreSQL reads a filter's newest entries
            # first (lookup.postgres_matches), walking one of these backwards.
            models.Index(fields=["category", "sort_key"], name="gksearch_entry_category_sk"),
            models.Index(fields=["department_id", "sort_key"], name="gksearch_entry_department_sk"),
            models.Index(fields=["year", "sort_key"], name="gksearch_entry_year_sk"),
            models.Index(fields=["validity", "sort_key"], name="gksearch_entry_validity_sk"),
            models.Index(fields=["published_at", "id"], name="gksearch_entry_published"),
        ]
        constraints += [models.UniqueConstraint(fields=["sort_key"], name="gksearch_entry_sort_key")]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"
