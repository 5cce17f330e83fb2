// The local folder standing in for S3 (--s3-dir): bucket B, key K is the file DIR/B/K. A bucket
// exists when its folder does, as an S3 bucket exists once created. Keys with "." or ".." segments
// are refused, so no request reaches outside the folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.h"

namespace dynarock::api::s3 {

// Nullopt when no folder is configured (--in-memory without --s3-dir) or the bucket's folder
// does not exist.
std::optional<std::string> bucket_path(const Context& ctx, const std::string& bucket);
// False for keys that would leave the bucket's folder or name a folder.
bool valid_key(const std::string& key);
// Writes an object (creating the folders on its key); throws std::runtime_error on I/O errors.
void put_object(const std::string& bucket_dir, const std::string& key, const std::string& bytes);
std::string get_object(const std::string& bucket_dir, const std::string& key);
// Keys starting with `prefix`, sorted (as S3 lists them).
std::vector<std::string> list_objects(const std::string& bucket_dir, const std::string& prefix);

// Compression of objects and their checksums.
std::string gzip(const std::string& raw);
// Throw std::runtime_error on corrupt input.
std::string gunzip(const std::string& compressed);
std::string unzstd(const std::string& compressed);
std::string md5_base64(const std::string& bytes);

}  // namespace dynarock::api::s3
