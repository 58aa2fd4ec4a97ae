"""The SQL behind the customer search box (people/selectors.py `customer_search`).

Two shapes, chosen by what was typed, so a search stays fast over a million customers:

- With something that picks out a few people (a date of birth, an NI number, a postcode,
  a reference or case number), those give the candidates (a date of birth is about 40
  people in a million; the rest one or a handful). Each name word is then scored only
  against the candidates' own keys, through the index on `customer_id`.
- With names only, each word's matches (exact, prefix, or sounding alike) come from the
  one `search_key_lookup` index, and a customer must match every word; the best scores
  come first. The index covers `customer_id` too, so the database reads the index alone.

Every fragment of SQL is a constant of this module; every value is a parameter.
"""

from django.db import connection

from people import identifiers, search_query
from people.models import SearchKey

# How well one name word matches one customer: exactly (4), as the start of a name (2),
# or only by how it sounds (1). The best of the customer's keys counts.
_NAME_SCORE = "MAX(CASE WHEN kind = 'name' AND value = %s THEN 4 WHEN kind = 'name' THEN 2 ELSE 1 END)"
_NAME_MATCH = "((kind = 'name' AND value >= %s AND value < %s) OR (kind = 'sound' AND value = %s))"


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _name_params(token: str) -> tuple[list, list]:
    """(score parameters, match parameters) for one name word."""
    return [token], [token, _upper_bound(token), identifiers.soundex(token)]


def _candidate_sets(organisation_id: int, query: search_query.SearchQuery) -> list[tuple[str, list]]:
    """One SELECT of customer ids per selective piece of the query."""
    sets = []
    if query.date_of_birth:
        sets.append(
            (
                "SELECT id AS customer_id FROM people_customer WHERE organisation_id = %s AND date_of_birth = %s",
                [organisation_id, query.date_of_birth],
            )
        )
    exact = [(SearchKey.Kind.NI, query.ni_number), (SearchKey.Kind.POSTCODE, query.postcode)]
    for kind, value in exact:
        if value:
            sets.append(
                (
                    "SELECT customer_id FROM people_searchkey WHERE organisation_id = %s AND kind = %s AND value = %s",
                    [organisation_id, str(kind), value],
                )
            )
    for reference in query.references:
        sets.append(
            (
                "SELECT customer_id FROM people_searchkey WHERE organisation_id = %s "
                "AND kind IN ('ref', 'case') AND value = %s",
                [organisation_id, reference],
            )
        )
    return sets


def _among_candidates(sets: list[tuple[str, list]], tokens: list[str], limit: int) -> tuple[str, list]:
    candidates = " INTERSECT ".join(sql for sql, _ in sets)
    params = [value for _, set_params in sets for value in set_params]
    scores, score_params = [], []
    for i, token in enumerate(tokens):
        score, match = _name_params(token)
        scores.append(
            f", (SELECT {_NAME_SCORE} FROM people_searchkey k "  # noqa: S608
            f"WHERE k.customer_id = c.id AND {_NAME_MATCH}) AS n{i}"
        )
        score_params += score + match
    every_word = " AND ".join(f"n{i} IS NOT NULL" for i in range(len(tokens))) or "1 = 1"
    total = " + ".join(f"n{i}" for i in range(len(tokens)))
    best_first = f"{total} DESC, " if tokens else ""
    sql = (
        f"SELECT id FROM (SELECT c.id, c.family_name, c.given_names {''.join(scores)} "  # noqa: S608
        f"FROM people_customer c WHERE c.id IN ({candidates})) AS scored "
        f"WHERE {every_word} ORDER BY {best_first}family_name, given_names, id LIMIT %s"
    )
    return sql, score_params + params + [limit]


def _word_rows(token: str, organisation_id: int, guard: str) -> tuple[str, list]:
    """(customer_id, score) for every key matching one word: the name range and the sound
    read as two index ranges (UNION ALL rather than OR), so the covering index suffices."""
    sql = (
        "SELECT customer_id, CASE WHEN value = %s THEN 4 ELSE 2 END AS score FROM people_searchkey "  # noqa: S608
        f"WHERE {guard}organisation_id = %s AND kind = 'name' AND value >= %s AND value < %s "
        "UNION ALL SELECT customer_id, 1 AS score FROM people_searchkey "
        f"WHERE {guard}organisation_id = %s AND kind = 'sound' AND value = %s"
    )
    return sql, [token, organisation_id, token, _upper_bound(token), organisation_id, identifiers.soundex(token)]


def _by_names(organisation_id: int, tokens: list[str], limit: int, guard: str = "") -> tuple[str, list]:
    """Every customer matching every word, scored. The words' matches are joined on the
    customer, so only the customers matching them all are grouped: a common first name
    (John, Jon, Jane and Joan sound alike) costs a scan of its index range, not a sort."""
    froms, params = [], []
    for i, token in enumerate(tokens):
        sql, word_params = _word_rows(token, organisation_id, guard)
        join = "" if i == 0 else f" ON w{i}.customer_id = w0.customer_id"
        froms.append(f"({sql}) AS w{i}{join}")
        params += word_params
    total = " + ".join(f"MAX(w{i}.score)" for i in range(len(tokens)))
    sql = (
        f"SELECT w0.customer_id, {total} AS total FROM {' JOIN '.join(froms)} "  # noqa: S608
        f"GROUP BY w0.customer_id ORDER BY total DESC, w0.customer_id LIMIT %s"
    )
    return sql, params + [limit]


def _exact_names(organisation_id: int, tokens: list[str], limit: int) -> tuple[str, list]:
    """Customers with every word exactly as one of their names: the best score there is.
    The covering index returns each word's customers in id order, so the database merges
    the lists and stops at the first `limit`, however common the names."""
    joins = " ".join(
        f"JOIN people_searchkey w{i} ON w{i}.customer_id = w0.customer_id AND w{i}.organisation_id = %s "
        f"AND w{i}.kind = 'name' AND w{i}.value = %s"
        for i in range(1, len(tokens))
    )
    params = [value for token in tokens[1:] for value in (organisation_id, token)]
    sql = (
        f"SELECT w0.customer_id FROM people_searchkey w0 {joins} "  # noqa: S608
        "WHERE w0.organisation_id = %s AND w0.kind = 'name' AND w0.value = %s ORDER BY w0.customer_id LIMIT %s"
    )
    return sql, params + [organisation_id, tokens[0], limit]


def _names_only(organisation_id: int, tokens: list[str], limit: int) -> tuple[str, list]:
    """When enough customers match every word exactly, they are the best results (no one
    can score higher, and ties go by id), found without scoring every near match. Only
    otherwise is every near match scored. One statement either way: the database skips
    the branch it does not need."""
    exact_sql, exact_params = _exact_names(organisation_id, tokens, limit)
    # The guard is in every index scan, where SQLite (not only PostgreSQL) checks it once
    # before scanning, rather than after grouping every near match.
    scored_sql, scored_params = _by_names(organisation_id, tokens, limit, guard="NOT (SELECT yes FROM enough) AND ")
    sql = (
        f"WITH exact AS ({exact_sql}), enough AS (SELECT COUNT(*) = %s AS yes FROM exact) "  # noqa: S608
        f"SELECT customer_id, {4 * len(tokens)} AS total FROM exact WHERE (SELECT yes FROM enough) "
        f"UNION ALL SELECT customer_id, total FROM ({scored_sql}) AS scored "
        "ORDER BY total DESC, customer_id LIMIT %s"
    )
    return sql, exact_params + [limit] + scored_params + [limit]


def matching_ids(organisation_id: int, query: search_query.SearchQuery, limit: int) -> list[int]:
    """Ids of the customers matching every piece of the query, best first: the highest
    total score, then the oldest record. Always one query."""
    sets = _candidate_sets(organisation_id, query)
    if sets:
        sql, params = _among_candidates(sets, query.name_tokens, limit)
    else:
        sql, params = _names_only(organisation_id, query.name_tokens, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
