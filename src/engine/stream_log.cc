#include "engine/stream_log.h"

#include <rocksdb/iterator.h>

#include <chrono>
#include <cstdio>
#include <functional>

#include "engine/item_codec.h"
#include "model/error.h"

namespace dynarock::engine {

using model::Item;
using model::TableInfo;

std::string sequence_text(uint64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%021llu", static_cast<unsigned long long>(seq));
  return buf;
}

bool parse_sequence(const std::string& text, uint64_t& out) {
  if (text.size() < 21 || text.size() > 40) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    if (v > (UINT64_MAX - 9) / 10) return false;
    v = v * 10 + uint64_t(c - '0');
  }
  out = v;
  return true;
}

namespace {

// Keys in the `streams` column family (ids and sequence numbers big-endian, so they sort):
//   's' id       -> stream description (JSON)
//   'd' id       -> {"disabled_ms", "end_seq"} once the stream is disabled or its table deleted
//   'o' id       -> the trim horizon (oldest kept sequence number)
//   'h' id seq   -> a shard starting at seq (JSON: id, parent, created_ms); immutable
//   'r' id seq   -> a record
//   'n'          -> the next stream id
void put_be(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
uint64_t get_be(std::string_view in, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}
std::string key(char kind, uint32_t id) {
  std::string k(1, kind);
  put_be(k, id, 4);
  return k;
}
std::string key(char kind, uint32_t id, uint64_t seq) {
  std::string k = key(kind, id);
  put_be(k, seq, 8);
  return k;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

constexpr char kFamily[] = "streams";

nlohmann::json key_schema_json(const model::KeySchema& k) {
  nlohmann::json j = {{"hash", k.hash.name}, {"hash_type", model::type_name(k.hash.type)}};
  if (k.range) j["range"] = k.range->name, j["range_type"] = model::type_name(k.range->type);
  return j;
}
model::Type key_type(const std::string& s) { return s == "N" ? model::Type::N : s == "B" ? model::Type::B : model::Type::S; }
model::KeySchema key_schema_from(const nlohmann::json& j) {
  model::KeySchema k;
  k.hash = {j["hash"].get<std::string>(), key_type(j["hash_type"].get<std::string>())};
  if (j.contains("range")) k.range = model::KeyElement{j["range"].get<std::string>(), key_type(j["range_type"].get<std::string>())};
  return k;
}

std::string shard_id(int64_t created_ms, uint32_t stream, uint64_t start) {
  char buf[64];
  uint32_t tag = static_cast<uint32_t>(std::hash<uint64_t>()((uint64_t(stream) << 40) ^ start) & 0xFFFFFFFF);
  std::snprintf(buf, sizeof buf, "shardId-%020lld-%08x", static_cast<long long>(created_ms), tag);
  return buf;
}

constexpr uint32_t kAbsent = 0xFFFFFFFF;

void put_image(std::string& out, const Item* item) {
  if (!item) return put_be(out, kAbsent, 4);
  std::string bytes = item_codec::encode(*item);
  put_be(out, bytes.size(), 4);
  out += bytes;
}
std::optional<Item> get_image(std::string_view in, size_t& at) {
  uint32_t len = static_cast<uint32_t>(get_be(in, at, 4));
  at += 4;
  if (len == kAbsent) return std::nullopt;
  Item item = item_codec::decode(in.substr(at, len));
  at += len;
  return item;
}

StreamRecord decode_record(uint64_t seq, std::string_view v) {
  StreamRecord r;
  r.seq = seq;
  r.event = static_cast<StreamEvent>(v[0]);
  r.by_service = v[1] != 0;
  r.created_ms = static_cast<int64_t>(get_be(v, 2, 8));
  r.size_bytes = get_be(v, 10, 8);
  size_t at = 18;
  r.keys = get_image(v, at).value_or(Item{});
  r.new_image = get_image(v, at);
  r.old_image = get_image(v, at);
  return r;
}

}  // namespace

StreamLog::StreamLog(Storage& storage, StreamOptions options)
    : storage_(storage), cf_(storage.optional_family(kFamily)), options_(options) {
  if (cf_.load()) load();
}

int64_t StreamLog::trim_interval_ms() const {
  return std::min(options_.trim_interval_ms, std::max<int64_t>(100, options_.retention_ms / 4));
}

void StreamLog::load() {
  // Stream descriptions ('s') sort after their shards and records, so they are read first.
  std::unique_ptr<rocksdb::Iterator> it(storage_.db()->NewIterator(rocksdb::ReadOptions(), cf_.load()));
  for (it->Seek("s"); it->Valid() && it->key().starts_with("s"); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    auto j = nlohmann::json::parse(std::string_view(it->value().data(), it->value().size()));
    auto st = std::make_shared<State>();
    st->info.id = static_cast<uint32_t>(get_be(k, 1, 4));
    st->info.arn = j["arn"];
    st->info.label = j["label"];
    st->info.ns = j["ns"];
    st->info.table_name = j["table"];
    st->info.region = j["region"];
    st->info.view_type = j["view"];
    st->info.created_ms = j["created_ms"];
    st->info.key = key_schema_from(j["key"]);
    st->table_id = j["table_id"];
    streams_[st->info.id] = st;
  }
  std::map<uint32_t, nlohmann::json> disabled;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    std::string_view v(it->value().data(), it->value().size());
    char kind = k[0];
    if (kind == 'n') {
      next_stream_id_ = static_cast<uint32_t>(std::stoul(std::string(v)));
      continue;
    }
    if (kind == 's') continue;
    auto found = streams_.find(static_cast<uint32_t>(get_be(k, 1, 4)));
    if (found == streams_.end()) continue;
    State& st = *found->second;
    if (kind == 'd') {
      disabled[st.info.id] = nlohmann::json::parse(v);
    } else if (kind == 'o') {
      st.oldest = get_be(v, 0, 8);
      last_seq_ = std::max(last_seq_, st.oldest ? st.oldest - 1 : 0);
    } else if (kind == 'h') {
      auto j = nlohmann::json::parse(v);
      StreamShard shard{j["id"], j["parent"], get_be(k, 5, 8), std::nullopt, j["created_ms"]};
      if (!st.info.shards.empty()) st.info.shards.back().end_seq = shard.start_seq - 1;
      last_seq_ = std::max(last_seq_, shard.start_seq - 1);
      st.info.shards.push_back(std::move(shard));
    } else if (kind == 'r') {
      uint64_t seq = get_be(k, 5, 8);
      last_seq_ = std::max(last_seq_, seq);
      if (!st.info.shards.empty() && seq >= st.info.shards.back().start_seq) ++st.shard_records;
    }
  }
  for (auto& [id, st] : streams_) {
    if (auto d = disabled.find(id); d != disabled.end()) {
      st->info.enabled = false;
      st->disabled_ms = d->second["disabled_ms"];
      if (!st->info.shards.empty()) st->info.shards.back().end_seq = d->second["end_seq"].get<uint64_t>();
    } else {
      active_[st->table_id] = st;
    }
  }
  watermark_ = last_seq_;
}

void StreamLog::table_changed(rocksdb::WriteBatch& batch, const TableInfo* before, const TableInfo* after) {
  bool was = before && before->stream.enabled, now = after && after->stream.enabled;
  // The label names the stream: a new label (enabled again, or another view type) is a new stream.
  if (was && now && before->stream.label == after->stream.label) return;
  if (!was && !now) return;
  std::lock_guard guard(mutex_);
  int64_t t = now_ms();
  if (was)
    if (auto it = active_.find(before->id); it != active_.end()) {
      close_stream(batch, *it->second, t);
      active_.erase(it);
    }
  if (now) open_stream(batch, *after);
}

void StreamLog::open_stream(rocksdb::WriteBatch& batch, const TableInfo& table) {
  if (!cf_.load()) cf_.store(storage_.create_family(kFamily));
  auto* cf = cf_.load();
  auto st = std::make_shared<State>();
  st->info.id = next_stream_id_++;
  st->info.arn = table.stream_arn();
  st->info.label = table.stream.label;
  st->info.ns = table.ns;
  st->info.table_name = table.name;
  st->info.region = table.region;
  st->info.view_type = table.stream.view_type;
  st->info.key = table.key;
  st->info.created_ms = now_ms();
  st->table_id = table.id;
  nlohmann::json j = {{"arn", st->info.arn}, {"label", st->info.label}, {"ns", table.ns}, {"table", table.name},
                      {"region", table.region}, {"view", st->info.view_type}, {"created_ms", st->info.created_ms},
                      {"key", key_schema_json(table.key)}, {"table_id", table.id}};
  batch.Put(cf, "n", std::to_string(next_stream_id_));
  batch.Put(cf, key('s', st->info.id), j.dump());
  open_shard(batch, *st, last_seq_ + 1, st->info.created_ms);
  streams_[st->info.id] = st;
  active_[table.id] = st;
}

void StreamLog::close_stream(rocksdb::WriteBatch& batch, State& st, int64_t t) {
  st.info.enabled = false;
  st.disabled_ms = t;
  uint64_t end = last_seq_;
  if (!st.info.shards.empty()) {
    end = std::max(end, st.info.shards.back().start_seq);
    st.info.shards.back().end_seq = end;
  }
  batch.Put(cf_.load(), key('d', st.info.id), nlohmann::json({{"disabled_ms", t}, {"end_seq", end}}).dump());
}

void StreamLog::open_shard(rocksdb::WriteBatch& batch, State& st, uint64_t start, int64_t t) {
  StreamShard shard;
  shard.start_seq = start;
  shard.created_ms = t;
  shard.id = shard_id(t, st.info.id, start);
  if (!st.info.shards.empty()) {
    shard.parent = st.info.shards.back().id;
    st.info.shards.back().end_seq = start - 1;
  }
  batch.Put(cf_.load(), key('h', st.info.id, start),
            nlohmann::json({{"id", shard.id}, {"parent", shard.parent}, {"created_ms", t}}).dump());
  st.info.shards.push_back(std::move(shard));
  st.shard_records = 0;
}

uint64_t StreamLog::add_record(rocksdb::WriteBatch& batch, const TableInfo& table, const Item* old, const Item* now,
                               bool by_service) {
  StreamEvent event;
  if (old && now) {
    if (*old == *now) return 0;  // a write that changes nothing has no record
    event = StreamEvent::modify;
  } else if (now) {
    event = StreamEvent::insert;
  } else if (old) {
    event = StreamEvent::remove;
  } else {
    return 0;
  }
  uint64_t seq;
  uint32_t stream_id;
  std::string view;
  int64_t t = now_ms();
  {
    std::lock_guard guard(mutex_);
    auto it = active_.find(table.id);
    if (it == active_.end()) return 0;
    State& st = *it->second;
    seq = ++last_seq_;
    in_flight_.insert(seq);
    // The schedule: the open shard closes after its time or its record budget, and a child opens.
    const StreamShard& open = st.info.shards.back();
    if (st.shard_records >= options_.shard_max_records || t - open.created_ms >= options_.shard_rotation_ms)
      open_shard(batch, st, seq, t);
    ++st.shard_records;
    stream_id = st.info.id;
    view = st.info.view_type;
  }
  const Item& any = now ? *now : *old;
  Item keys = model::key_attributes(table.key, any);
  bool want_new = view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES";
  bool want_old = view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES";
  const Item* new_image = want_new ? now : nullptr;
  const Item* old_image = want_old ? old : nullptr;
  uint64_t size = model::item_size(keys) + (new_image ? model::item_size(*new_image) : 0) +
                  (old_image ? model::item_size(*old_image) : 0);
  std::string value;
  value.push_back(static_cast<char>(event));
  value.push_back(by_service ? 1 : 0);
  put_be(value, static_cast<uint64_t>(t), 8);
  put_be(value, size, 8);
  put_image(value, &keys);
  put_image(value, new_image);
  put_image(value, old_image);
  batch.Put(cf_.load(), key('r', stream_id, seq), value);
  return seq;
}

void StreamLog::release(uint64_t seq) {
  if (seq == 0) return;
  std::lock_guard guard(mutex_);
  in_flight_.erase(seq);
  watermark_.store(in_flight_.empty() ? last_seq_ : *in_flight_.begin() - 1, std::memory_order_release);
}

std::vector<StreamInfo> StreamLog::list_streams(const std::string& ns) {
  std::lock_guard guard(mutex_);
  std::vector<StreamInfo> out;
  for (const auto& [id, st] : streams_)
    if (st->info.ns == ns) out.push_back(st->info);
  return out;
}

std::vector<StreamInfo> StreamLog::all_streams() {
  std::lock_guard guard(mutex_);
  std::vector<StreamInfo> out;
  for (const auto& [id, st] : streams_) out.push_back(st->info);
  return out;
}

std::optional<StreamInfo> StreamLog::find_stream(const std::string& ns, const std::string& arn) {
  std::lock_guard guard(mutex_);
  for (const auto& [id, st] : streams_)
    if (st->info.ns == ns && st->info.arn == arn) return st->info;
  return std::nullopt;
}

uint64_t StreamLog::trim_horizon(uint32_t id) {
  std::lock_guard guard(mutex_);
  auto it = streams_.find(id);
  return it == streams_.end() ? UINT64_MAX : it->second->oldest;
}

std::vector<StreamRecord> StreamLog::read_records(uint32_t id, uint64_t from, uint64_t to, size_t limit, size_t max_bytes) {
  std::vector<StreamRecord> out;
  to = std::min(to, watermark());
  auto* cf = cf_.load();
  if (from > to || limit == 0 || !cf) return out;
  std::string lower = key('r', id, from), upper = key('r', id, to);
  upper.push_back('\0');  // inclusive of `to`
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage_.db()->NewIterator(ro, cf));
  size_t bytes = 0;
  for (it->Seek(lower); it->Valid() && out.size() < limit; it->Next()) {
    std::string_view k(it->key().data(), it->key().size());
    out.push_back(decode_record(get_be(k, 5, 8), std::string_view(it->value().data(), it->value().size())));
    bytes += it->value().size();
    if (bytes >= max_bytes) break;
  }
  check(it->status(), "read stream");
  return out;
}

void StreamLog::trim(int64_t t) {
  auto* cf = cf_.load();
  if (!cf) return;
  int64_t cutoff = t - options_.retention_ms;
  std::vector<std::shared_ptr<State>> all;
  {
    std::lock_guard guard(mutex_);
    for (const auto& [id, st] : streams_) all.push_back(st);
  }
  for (const auto& st : all) {
    uint32_t id = st->info.id;
    rocksdb::WriteBatch batch;
    // Records are in sequence order, which is creation order: trim from the front.
    std::string lower = key('r', id), upper = key('r', id + 1);
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions ro;
    ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(storage_.db()->NewIterator(ro, cf));
    uint64_t last_trimmed = 0;
    for (it->Seek(lower); it->Valid(); it->Next()) {
      std::string_view v(it->value().data(), it->value().size());
      if (static_cast<int64_t>(get_be(v, 2, 8)) >= cutoff) break;
      last_trimmed = get_be(std::string_view(it->key().data(), it->key().size()), 5, 8);
    }
    std::lock_guard guard(mutex_);
    bool expired = !st->info.enabled && st->disabled_ms < cutoff;
    if (expired) {
      for (char kind : {'s', 'd', 'o'}) batch.Delete(cf, key(kind, id));
      for (char kind : {'h', 'r'}) batch.DeleteRange(cf, key(kind, id), key(kind, id + 1));
      storage_.write(batch, "trim stream");
      streams_.erase(id);
      continue;
    }
    if (last_trimmed) {
      batch.DeleteRange(cf, key('r', id), key('r', id, last_trimmed + 1));
      st->oldest = last_trimmed + 1;
      std::string o;
      put_be(o, st->oldest, 8);
      batch.Put(cf, key('o', id), o);
    }
    // A closed shard goes once it closed longer ago than the retention period: all its records
    // are older than that.
    auto& shards = st->info.shards;
    while (shards.size() > 1 && shards[1].created_ms < cutoff) {
      batch.Delete(cf, key('h', id, shards[0].start_seq));
      shards.erase(shards.begin());
    }
    if (batch.Count() > 0) storage_.write(batch, "trim stream");
  }
}

}  // namespace dynarock::engine
