// Secondary writers: everything a change of one item adds to the item's WriteBatch besides the
// base row. The item store asks every writer, under the item's lock, to add its part; the batch
// then commits as one, so nothing a writer maintains can disagree with the items after a crash.
// Writers today: index entries, counts. Planned: the TTL pointer, the stream record, the PITR
// change log.
#pragma once

#include <rocksdb/write_batch.h>

#include <memory>
#include <string_view>
#include <vector>

#include "engine/storage.h"
#include "model/attribute_value.h"
#include "model/key_schema.h"
#include "model/table.h"

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

class Writer {
 public:
  virtual ~Writer() = default;
  // Whether this writer needs the old item's attributes for a change in `table` (to remove what
  // it wrote for the old version). Otherwise the store need not decode the old item.
  virtual bool needs_old_item(const model::TableInfo& table) const = 0;
  virtual void write(const Change& change, rocksdb::WriteBatch& batch) = 0;
};

using WriterList = std::vector<std::unique_ptr<Writer>>;

std::unique_ptr<Writer> make_index_writer(Storage& storage);
std::unique_ptr<Writer> make_count_writer(Storage& storage);
std::unique_ptr<Writer> make_pitr_writer(Storage& storage);

}  // namespace dynarock::engine::writers
