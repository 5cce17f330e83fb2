// Secondary writers: everything a change of one item adds to the item's WriteBatch besides the
// base row. The item store asks every writer, under the item's lock, to add its part; the batch
// then commits as one, so nothing a writer maintains can disagree with the items after a crash.
// Writers today: index entries, counts, the TTL expiry entry, the stream record. Planned: the
// PITR change log.
//
// Two hooks around the write itself: a writer that hands out something per write (a stream
// sequence number, published only once its batch is durable) asks to be told when the batch has
// been written or abandoned (Commit::after -> Writer::finish); a writer that keeps state per
// table (a stream's shards) follows table creation, changes and deletion (the catalog's
// TableObserver, which every writer is).
#pragma once

#include <rocksdb/write_batch.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/catalog.h"
#include "engine/storage.h"
#include "model/attribute_value.h"
#include "model/key_schema.h"
#include "model/table.h"

namespace dynarock::engine {
class StreamLog;
}

namespace dynarock::engine::writers {

// Who made a change: a client request, or the engine itself (a TTL sweep deletes as the
// service; a stream record reports it with userIdentity Service/dynamodb.amazonaws.com).
enum class Origin { client, ttl };

struct Change {
  const model::TableInfo& table;
  const model::PrimaryKey& key;
  std::string_view item_key;  // the base row's storage key
  bool existed = false;
  size_t old_size = 0;
  const model::Item* old = nullptr;   // the old item, when it existed and some writer needs it
  const model::Item* next = nullptr;  // the new item; null for a delete
  size_t new_size = 0;
  Origin origin = Origin::client;
};

class Writer;

// One write's batch, and the writers to tell once it is written or abandoned.
class Commit {
 public:
  Commit() = default;
  Commit(const Commit&) = delete;
  Commit& operator=(const Commit&) = delete;
  ~Commit() { finish(false); }  // a write that threw: the batch never reached RocksDB

  rocksdb::WriteBatch batch;
  // `writer.finish(token, committed)` will run once, after the batch's fate is known.
  void after(Writer& writer, uint64_t token) { pending_.push_back({&writer, token}); }
  // Called by the item store right after the batch is written (true); idempotent.
  void finish(bool committed);

 private:
  struct Pending {
    Writer* writer;
    uint64_t token;
  };
  std::vector<Pending> pending_;
};

class Writer : public TableObserver {
 public:
  // Whether this writer needs the old item's attributes for a change in `table` (to remove what
  // it wrote for the old version, or to describe it). Otherwise the store need not decode it.
  virtual bool needs_old_item(const model::TableInfo& table) const = 0;
  // Adds this writer's part of `change` to `commit.batch`, under the item's lock.
  virtual void write(const Change& change, Commit& commit) = 0;
  // A token this writer passed to Commit::after: its batch was written (or not).
  virtual void finish(uint64_t /*token*/, bool /*committed*/) {}
  // Default: no per-table state.
  void table_changed(rocksdb::WriteBatch&, const model::TableInfo*, const model::TableInfo*) override {}
};

inline void Commit::finish(bool committed) {
  for (const auto& p : pending_) p.writer->finish(p.token, committed);
  pending_.clear();
}

using WriterList = std::vector<std::unique_ptr<Writer>>;

std::unique_ptr<Writer> make_index_writer(Storage& storage);
std::unique_ptr<Writer> make_count_writer(Storage& storage);
// The stream record of each change of a table whose stream is enabled (engine/stream_log.h).
std::unique_ptr<Writer> make_stream_writer(StreamLog& log);
std::unique_ptr<Writer> make_ttl_writer(Storage& storage);
std::unique_ptr<Writer> make_pitr_writer(Storage& storage);

}  // namespace dynarock::engine::writers
