#!/usr/bin/env node
// Reads a Rapidbyte topic with nothing of Rapidbyte: kafkajs consumes, apache-arrow decodes each
// record's value (one Arrow IPC stream), values are printed as exact JSON (see README.md).
//
//   node read-topic.mjs --brokers localhost:9092 --topic rapidbyte.postgres [--sample 3]
//                       [--rows-out rows.jsonl] [--follow] [--timeout-ms 60000]
//
// It reads every partition from the beginning up to the end it had when the reader started,
// prints a summary line per stream and exits 0 (1 when that end is not reached within
// --timeout-ms). --follow keeps reading new records until interrupted.
import kafkajs from 'kafkajs';
import { tableFromIPC, makeVector, Type, TimeUnit, DateUnit, IntervalUnit, Precision } from 'apache-arrow';
import { decompress } from 'fzstd';
import { createWriteStream } from 'node:fs';

const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = kafkajs;
const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

// kafkajs decodes only gzip itself; Rapidbyte's shipped payload writes zstd.
CompressionCodecs[CompressionTypes.ZSTD] = () => ({
  async compress() {
    throw new Error('this reader only consumes: zstd compression is not needed');
  },
  async decompress(buffer) {
    return Buffer.from(decompress(buffer));
  },
});

function options(argv) {
  const o = {
    brokers: process.env.KAFKA_BROKERS, topic: process.env.KAFKA_TOPIC,
    sample: 3, rowsOut: null, follow: false, timeoutMs: 60000,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--brokers': o.brokers = value(); break;
      case '--topic': o.topic = value(); break;
      case '--sample': o.sample = Number(value()); break;
      case '--rows-out': o.rowsOut = value(); break;
      case '--follow': o.follow = true; break;
      case '--timeout-ms': o.timeoutMs = Number(value()); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!o.brokers || !o.topic) usage('--brokers (or KAFKA_BROKERS) and --topic (or KAFKA_TOPIC) are required');
  if (!Number.isInteger(o.sample) || o.sample < 0) usage('--sample must be a whole number >= 0');
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) usage('--timeout-ms must be a positive number');
  return o;
}

function usage(problem) {
  console.error(`read-topic: ${problem}\nusage: node read-topic.mjs --brokers HOST:PORT[,...] --topic TOPIC`
    + ' [--sample N] [--rows-out FILE] [--follow] [--timeout-ms MS]');
  process.exit(2);
}

// ---- exact text of Arrow values -------------------------------------------------------------

const pad = (n, width) => String(n).padStart(width, '0');
const floorDiv = (a, b) => (a % b < 0n ? a / b - 1n : a / b);

/** proleptic Gregorian date of a day count since 1970-01-01 (BigInt), as YYYY-MM-DD */
function dateText(days) {
  // H. Hinnant's civil_from_days, in BigInt so that every int32/int64 day count is exact.
  const z = days + 719468n;
  const era = floorDiv(z, 146097n);
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  const y = yoe + era * 400n + (m <= 2n ? 1n : 0n);
  const year = y >= 0n && y <= 9999n ? pad(y, 4) : (y < 0n ? '-' + pad(-y, 4) : String(y));
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

const UNIT_PER_SECOND = { [TimeUnit.SECOND]: 1n, [TimeUnit.MILLISECOND]: 1000n,
  [TimeUnit.MICROSECOND]: 1000000n, [TimeUnit.NANOSECOND]: 1000000000n };
const FRACTION_DIGITS = { [TimeUnit.SECOND]: 0, [TimeUnit.MILLISECOND]: 3,
  [TimeUnit.MICROSECOND]: 6, [TimeUnit.NANOSECOND]: 9 };

/** a time of day given in `unit` since midnight (BigInt), as HH:MM:SS[.fraction] */
function timeOfDayText(count, unit) {
  const perSecond = UNIT_PER_SECOND[unit];
  const seconds = count / perSecond;
  const fraction = count % perSecond;
  const text = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return FRACTION_DIGITS[unit] === 0 ? text : `${text}.${pad(fraction, FRACTION_DIGITS[unit])}`;
}

/** a timestamp (BigInt count of `unit` since the epoch): ISO 8601, with Z when it is an instant */
function timestampText(count, unit, timezone) {
  const perDay = 86400n * UNIT_PER_SECOND[unit];
  const days = floorDiv(count, perDay);
  return `${dateText(days)}T${timeOfDayText(count - days * perDay, unit)}${timezone ? 'Z' : ''}`;
}

/** a two's-complement little-endian integer of `words` 32-bit words */
function wordsToBigInt(values, start, words) {
  let v = 0n;
  for (let w = words - 1; w >= 0; w--) v = (v << 32n) | BigInt(values[start + w] >>> 0);
  const bits = BigInt(32 * words);
  return v >= 1n << (bits - 1n) ? v - (1n << bits) : v;
}

function decimalText(unscaled, scale) {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${unscaled < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function uuidText(bytes) {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function floatValue(x) {
  return Number.isFinite(x) ? x : String(x); // JSON has no NaN/Infinity: give them as text
}

/** an interval's fields (int32 words: months, days, then int64 nanoseconds for MONTH_DAY_NANO) */
function intervalValue(v, i, unit) {
  if (unit === IntervalUnit.MONTH_DAY_NANO) {
    return { months: v[4 * i], days: v[4 * i + 1], nanoseconds: wordsToBigInt(v, 4 * i + 2, 2).toString() };
  }
  if (unit === IntervalUnit.DAY_TIME) return { days: v[2 * i], milliseconds: v[2 * i + 1] };
  return { months: v[i] }; // YEAR_MONTH
}

/**
 * 'infinity' / '-infinity' when row `i` holds the type's max / min value, which the field's
 * `rapidbyte.infinity: max_min` metadata declares to be PostgreSQL's infinity, else undefined
 */
function infinity(type, v, i) {
  if (type.typeId === Type.Date && type.unit === DateUnit.DAY) {
    return v[i] === 2147483647 ? 'infinity' : v[i] === -2147483648 ? '-infinity' : undefined;
  }
  if (type.typeId === Type.Timestamp) {
    const x = BigInt(v[i]);
    return x === 9223372036854775807n ? 'infinity' : x === -9223372036854775808n ? '-infinity' : undefined;
  }
  if (type.typeId === Type.Interval && type.unit === IntervalUnit.MONTH_DAY_NANO) {
    const months = v[4 * i], days = v[4 * i + 1], nanos = wordsToBigInt(v, 4 * i + 2, 2);
    if (months === 2147483647 && days === 2147483647 && nanos === 9223372036854775807n) return 'infinity';
    if (months === -2147483648 && days === -2147483648 && nanos === -9223372036854775808n) return '-infinity';
  }
  return undefined;
}

/** the JSON value of row `i` of `data` (one arrow.Data chunk) of `field` */
function value(data, i, field) {
  if (!data.getValid(i)) return null;
  const type = data.type;
  const v = data.values;
  if (field.metadata.get('rapidbyte.infinity') === 'max_min') {
    const inf = infinity(type, v, i);
    if (inf) return inf;
  }
  switch (type.typeId) {
    case Type.Int:
      return type.bitWidth === 64 ? v[i].toString() : v[i]; // int64 as text: a JS Number is not exact
    case Type.Float:
      return floatValue(type.precision === Precision.HALF ? makeVector(data).get(i) : v[i]);
    case Type.Bool:
      return ((v[(data.offset + i) >> 3] >> ((data.offset + i) & 7)) & 1) === 1;
    case Type.Decimal: {
      const words = type.bitWidth / 32;
      return decimalText(wordsToBigInt(v, i * words, words), type.scale);
    }
    case Type.Utf8:
    case Type.LargeUtf8: // arrow.json values are utf8 storage: their text as it is
      return new TextDecoder().decode(v.subarray(Number(data.valueOffsets[i]), Number(data.valueOffsets[i + 1])));
    case Type.Binary:
    case Type.LargeBinary:
      return '\\x' + hex(v.subarray(Number(data.valueOffsets[i]), Number(data.valueOffsets[i + 1])));
    case Type.FixedSizeBinary: {
      const bytes = v.subarray(type.byteWidth * i, type.byteWidth * (i + 1));
      const uuid = field.metadata.get('ARROW:extension:name') === 'arrow.uuid' && type.byteWidth === 16;
      return uuid ? uuidText(bytes) : '\\x' + hex(bytes);
    }
    case Type.Date:
      return type.unit === DateUnit.DAY ? dateText(BigInt(v[i])) // int32 days
        : dateText(floorDiv(BigInt(v[i]), 86400000n)); // int64 milliseconds
    case Type.Time:
      return timeOfDayText(BigInt(v[i]), type.unit);
    case Type.Timestamp:
      return timestampText(BigInt(v[i]), type.unit, type.timezone);
    case Type.Interval:
      return intervalValue(v, i, type.unit);
    case Type.List:
    case Type.LargeList: {
      const child = data.children[0];
      const out = [];
      for (let j = Number(data.valueOffsets[i]); j < Number(data.valueOffsets[i + 1]); j++) {
        out.push(value(child, j, type.children[0]));
      }
      return out;
    }
    default: // types Rapidbyte's connectors do not write (struct, map, duration, ...): arrow's own view
      return JSON.parse(JSON.stringify(makeVector(data).get(i),
        (_, x) => (typeof x === 'bigint' ? x.toString() : x)));
  }
}

// ---- reading the topic ----------------------------------------------------------------------

function header(message, name) {
  const h = message.headers?.[name];
  return h === undefined ? undefined : (Array.isArray(h) ? h[0] : h).toString('utf8');
}

async function main() {
  const o = options(process.argv.slice(2));
  const rowsOut = o.rowsOut ? createWriteStream(o.rowsOut) : null;
  const kafka = new Kafka({
    clientId: 'rapidbyte-node-reader', brokers: o.brokers.split(','), logLevel: logLevel.ERROR,
    logCreator: () => ({ namespace, log }) => console.error(`[kafkajs] ${namespace}: ${log.message}`),
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(); // partition -> offset (BigInt) the reader stops at
  for (const p of await admin.fetchTopicOffsets(o.topic)) {
    if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high));
  }
  await admin.disconnect();

  const streams = new Map(); // stream -> { records, rows }
  const consumer = kafka.consumer({ groupId: `rapidbyte-node-reader-${process.pid}-${Date.now()}` });
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const atEnd = () => !o.follow && ends.size === 0;
  process.once('SIGINT', () => finish()); // --follow: Ctrl-C still prints the summary
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    // lastOffset counts the transaction markers that exactly-once sources write after their records
    const end = ends.get(payload.partition);
    if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) ends.delete(payload.partition);
    if (atEnd()) finish();
  });
  await consumer.connect();
  await consumer.subscribe({ topic: o.topic, fromBeginning: true });
  const timer = o.follow ? null : setTimeout(() => {
    console.error(`read-topic: not at the end of ${o.topic} after ${o.timeoutMs} ms; partitions left: `
      + [...ends.keys()].join(','));
    process.exit(1);
  }, o.timeoutMs);
  if (atEnd()) finish();
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const where = { partition, offset: message.offset };
      const contentType = header(message, 'content-type');
      if (contentType !== ARROW_STREAM) { // e.g. a JSON dead letter, or a record produced by hand
        const reason = contentType === undefined ? 'no content-type header' : `content-type ${contentType}`;
        print({ skipped: { ...where, reason: `${reason}, not ${ARROW_STREAM}` } });
        return;
      }
      const table = tableFromIPC(message.value);
      const stream = message.key?.toString('utf8') ?? table.schema.metadata.get('rapidbyte.stream');
      const seen = streams.get(stream) ?? { records: 0, rows: 0 };
      streams.set(stream, seen);
      seen.records++;
      for (const batch of table.batches) {
        const fields = batch.schema.fields;
        for (let i = 0; i < batch.numRows; i++) {
          const row = {};
          fields.forEach((f, c) => { row[f.name] = value(batch.data.children[c], i, f); });
          const line = JSON.stringify({ stream, row });
          if (seen.rows < o.sample) console.log(line);
          if (rowsOut) rowsOut.write(line + '\n');
          seen.rows++;
        }
      }
    },
  });
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  if (rowsOut) await new Promise((resolve, reject) => rowsOut.end((e) => (e ? reject(e) : resolve())));
  for (const [stream, { records, rows }] of streams) print({ stream, records, rows });
}

const print = (o) => console.log(JSON.stringify(o));

main().catch((e) => {
  console.error(`read-topic: ${e.stack ?? e}`);
  process.exit(1);
});
