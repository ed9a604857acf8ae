// WorkspaceIdStore: the checkout's .build-service/workspace-id file.
#pragma once

#include "core/result.h"

#include <QString>

namespace BuildService {

/**
 * Reads and writes `<checkout>/.build-service/workspace-id`, which holds just the id. The
 * folder gets a `.gitignore` containing `*` so it ignores itself and users need not edit
 * their own ignore rules. Writes are atomic. Shared by the CLI and the KDevelop plugin.
 */
class WorkspaceIdStore
{
public:
    explicit WorkspaceIdStore(const QString &checkoutDir);

    /** The stored id, or an empty string when there is none or the file does not hold a valid id. */
    QString read() const;
    /** Stores @p id (creating the folder and its .gitignore); IoError on failure. */
    Result<void> write(const QString &id) const;
    /** Forgets the id (next build gets a fresh workspace). */
    Result<void> clear() const;

    QString folderPath() const;
    QString filePath() const;

private:
    QString m_checkoutDir;
};

} // namespace BuildService
