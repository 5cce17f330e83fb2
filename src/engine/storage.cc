#include "engine/storage.h"

#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <algorithm>

#include "engine/counts.h"
#include "engine/key_hash.h"
#include "engine/key_codec.h"
#include "model/error.h"

namespace dynarock::engine {

namespace {
constexpr char kFormatKey[] = "format_version";
}

void check(const rocksdb::Status& s, const char* what) {
  if (!s.ok()) throw ApiError("InternalServerError", std::string("Internal server error: ") + what + ": " + s.ToString(), 500);
}

std::string id_prefix(uint32_t id) {
  std::string out;
  key_codec::append_id(out, id);
  return out;
}

Storage::Storage(const Options& options) {
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 2;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db_options.max_manifest_file_size = 4 << 20;
  db_options.write_buffer_size = 16 << 20;
  if (options.in_memory) {
    mem_env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    db_options.env = mem_env_.get();
  }
  rocksdb::BlockBasedTableOptions table_options;
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table_options.block_cache = rocksdb::NewLRUCache(32 << 20);
  rocksdb::ColumnFamilyOptions cf_options(db_options);
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  cf_options.write_buffer_size = 16 << 20;
  rocksdb::ColumnFamilyOptions counts_options(cf_options);
  counts_options.merge_operator = counts::merge_operator();
  counts_options.write_buffer_size = 1 << 20;
  // Every write adds a merge operand to its table's counters; without a bound a read of the
  // counters (DescribeTable) would fold every write since the last flush. Past this many operands
  // RocksDB stores the folded value instead (writes with merges are inserted one at a time, so the
  // fold sees every earlier operand).
  counts_options.max_successive_merges = 64;

  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {{rocksdb::kDefaultColumnFamilyName, cf_options},
                                                      {"catalog", cf_options},
                                                      {"items", cf_options},
                                                      {"index", cf_options},
                                                      {"counts", counts_options},
                                                      {"expiry", cf_options}};
  std::string path = options.in_memory ? "/dynarock-memory" : options.path;
  // Families created on first use (streams) are opened when the directory has them.
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, path, &existing).ok())
    for (const auto& name : existing)
      if (std::none_of(cfs.begin(), cfs.end(), [&](const auto& d) { return d.name == name; })) cfs.emplace_back(name, cf_options);
  family_options_ = cf_options;
  rocksdb::DB* db = nullptr;
  check(rocksdb::DB::Open(db_options, path, cfs, &handles_, &db), "open");
  db_.reset(db);
  meta = handles_[0];
  catalog = handles_[1];
  items = handles_[2];
  index = handles_[3];
  counts = handles_[4];
  expiry = handles_[5];
  for (size_t i = 6; i < cfs.size(); ++i) optional_[cfs[i].name] = handles_[i];
  write_options.sync = options.sync && !options.in_memory;
  write_options.disableWAL = options.in_memory;

  int format = stored_format();
  if (format > kFormatVersion) {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
    throw std::runtime_error("data directory " + path + " has format version " + std::to_string(format) +
                             ", newer than this dynarock reads (" + std::to_string(kFormatVersion) +
                             "); use a newer dynarock or another --data-dir");
  }
  // Keys written with the legacy hash stay readable: the directory keeps it (key_hash.h).
  if (format < 3 && (has_entries(items) || has_entries(index))) format_ = 2;
  try {
    key_hash::acquire(format_ >= 3 ? key_hash::Scheme::dynamodb : key_hash::Scheme::legacy);
  } catch (...) {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
    throw;
  }
}

Storage::~Storage() {
  key_hash::release(format_ >= 3 ? key_hash::Scheme::dynamodb : key_hash::Scheme::legacy);
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  db_->Close();
}

rocksdb::ColumnFamilyHandle* Storage::optional_family(const std::string& name) {
  std::lock_guard guard(families_mutex_);
  auto it = optional_.find(name);
  return it == optional_.end() ? nullptr : it->second;
}

rocksdb::ColumnFamilyHandle* Storage::create_family(const std::string& name) {
  std::lock_guard guard(families_mutex_);
  if (auto it = optional_.find(name); it != optional_.end()) return it->second;
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  check(db_->CreateColumnFamily(family_options_, name, &handle), "create column family");
  handles_.push_back(handle);
  optional_[name] = handle;
  return handle;
}

void Storage::write(rocksdb::WriteBatch& batch, const char* what) { check(db_->Write(write_options, &batch), what); }

int Storage::stored_format() {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), meta, kFormatKey, &value).ok()) return 0;
  return std::stoi(value);
}

void Storage::store_format(rocksdb::WriteBatch& batch) { batch.Put(meta, kFormatKey, std::to_string(format_)); }

bool Storage::has_entries(rocksdb::ColumnFamilyHandle* family) {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family));
  it->SeekToFirst();
  return it->Valid();
}

}  // namespace dynarock::engine
