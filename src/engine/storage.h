// Storage: the RocksDB database and its column families, opened once and shared by the catalog,
// the item store, the writers and the jobs.
//
//   default (meta)  format version, next id, idempotency tokens
//   catalog         namespace \0 table name -> table description (JSON)
//   items           table id | hash(pk) | enc(pk) | enc(sk) -> item
//   index           index id | hash(ipk) | enc(ipk) | enc(isk) | enc(pk) | enc(sk) -> projected item
//   counts          table or index id -> item count and size (summed by a merge operator)
//   expiry          table id | expiry second | item key -> "" (TTL, see expiry.h)
//   streams         stream descriptions, shards and records (stream_log.cc); created when the
//                   first stream is enabled, so a directory that never had one keeps the six
//                   families above
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace dynarock::engine {

// On-disk format. 1: no counts (before maintained counts); 2: counts column family; 3: partitions
// ordered by DynamoDB's hash (key_hash.h). A directory written by a newer format is refused;
// format 1 gets its counts on open; formats 1 and 2 keep their legacy hash (their keys are
// written with it) unless they hold no items, in which case they become format 3.
inline constexpr int kFormatVersion = 3;

class Storage {
 public:
  explicit Storage(const Options& options);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* catalog = nullptr;
  rocksdb::ColumnFamilyHandle* items = nullptr;
  rocksdb::ColumnFamilyHandle* index = nullptr;
  rocksdb::ColumnFamilyHandle* counts = nullptr;
  rocksdb::ColumnFamilyHandle* expiry = nullptr;
  rocksdb::WriteOptions write_options;

  // A column family created on first use: null until then (it survives a restart once created).
  rocksdb::ColumnFamilyHandle* optional_family(const std::string& name);
  rocksdb::ColumnFamilyHandle* create_family(const std::string& name);

  void write(rocksdb::WriteBatch& batch, const char* what);
  // The format version stored in meta (0 when none: a new or a format-1 directory).
  int stored_format();
  // The format this directory is kept at: 3, or 2 for a directory holding legacy-hash keys.
  int format() const { return format_; }
  void store_format(rocksdb::WriteBatch& batch);

 private:
  bool has_entries(rocksdb::ColumnFamilyHandle* family);

  int format_ = kFormatVersion;
  std::unique_ptr<rocksdb::Env> mem_env_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyOptions family_options_;
  std::mutex families_mutex_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> optional_;  // also in handles_
};

// Throws InternalServerError when `s` is not ok.
void check(const rocksdb::Status& s, const char* what);

// The 4-byte prefix every key of table or index `id` starts with.
std::string id_prefix(uint32_t id);

}  // namespace dynarock::engine
