package io.snapgpu.cluster;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A table whose rows are work that one replica owns at a time: it has an {@code owner} column (a
 * replica id) and a {@code lease_until} column, a key column, and a rule that says which rows are
 * still in progress (only those are claimed, renewed or taken over). Declared once, as a constant, by
 * the domain that owns the table; {@link Ownership} is the one place that reads and writes ownership.
 *
 * @param <K> the key's Java type (UUID for domain rows, String for named jobs)
 */
public final class WorkTable<K> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Which rows are still in progress. */
    public sealed interface Active {
        /** Every row (a named job is always there to be claimed). */
        record Always() implements Active {
        }

        /** Rows whose {@code column} is null (e.g. not finished yet). */
        record IsNull(String column) implements Active {
        }

        /** Rows whose {@code column}, read as text, is one of {@code values} (a status, a flag). */
        record In(String column, List<String> values) implements Active {
        }
    }

    final String table;
    final String key;
    final Class<K> keyType;
    final Active active;
    /** Rows are taken over oldest first by this column. */
    final String order;
    /** When set, only rows whose value here is at or before the time given are taken over (work that is due). */
    final String dueColumn;

    private WorkTable(String table, String key, Class<K> keyType, Active active, String order, String dueColumn) {
        this.table = name(table);
        this.key = name(key);
        this.keyType = keyType;
        this.active = active;
        this.order = name(order);
        this.dueColumn = dueColumn == null ? null : name(dueColumn);
        if (active instanceof Active.IsNull n) {
            name(n.column());
        } else if (active instanceof Active.In in) {
            name(in.column());
            if (in.values().isEmpty()) {
                throw new IllegalArgumentException("no active values for " + table);
            }
        }
    }

    public static <K> WorkTable<K> of(String table, String key, Class<K> keyType, Active active, String order) {
        return new WorkTable<>(table, key, keyType, active, order, null);
    }

    /** Rows are due work: taken over only once {@code dueColumn} is reached. */
    public WorkTable<K> dueBy(String column) {
        return new WorkTable<>(table, key, keyType, active, order, column);
    }

    /** Rows whose {@code column} holds one of the enum constants' names. */
    public static Active statusIn(String column, java.util.Collection<? extends Enum<?>> values) {
        return new Active.In(column, values.stream().map(Enum::name).toList());
    }

    public String table() {
        return table;
    }

    /** The SQL condition of {@link #active}, binding its values (if it has any) at parameter {@code $param}. */
    String activeSql(int param) {
        if (active instanceof Active.IsNull n) {
            return n.column() + " is null";
        }
        if (active instanceof Active.In in) {
            return in.column() + "::text = any($" + param + ")";
        }
        return "true";
    }

    /** The values to bind for {@link #activeSql}; null when it binds none. */
    String[] activeValues() {
        return active instanceof Active.In in ? in.values().toArray(String[]::new) : null;
    }

    private static String name(String s) {
        if (s == null || !NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("not an SQL name: " + s);
        }
        return s;
    }

    @Override
    public String toString() {
        return table;
    }
}
