// SPDX-FileCopyrightText: 2026 build-service contributors
//
// SPDX-License-Identifier: LGPL-2.1-only OR LGPL-3.0-only

// ProjectTracker: the local roots of the projects that are open or being opened.
#pragma once

#include <QHash>
#include <QSet>
#include <QObject>
#include <QString>

namespace KDevelop {
class IProject;
class IProjectController;
}

namespace BuildService::Plugin {

/**
 * Follows the project controller so the runtime knows which directories belong to a project.
 * Projects are tracked from projectAboutToBeOpened, because a CMake project configures while
 * it is imported, before it appears in IProjectController::projects(); they are dropped on
 * projectClosed and projectOpeningAborted. Only local projects are tracked. Main thread only.
 */
class ProjectTracker : public QObject
{
    Q_OBJECT
public:
    /** Starts following @p controller (may be null in tests) and picks up projects already open. */
    explicit ProjectTracker(KDevelop::IProjectController *controller, QObject *parent = nullptr);

    /** The root of the innermost tracked project containing @p path, or an empty string. */
    QString rootFor(const QString &path) const;
    /**
     * @p path spelled below a tracked root when it lies in a tracked project only through
     * symbolic links (the project opened as /home/me/src, the process started in
     * /data/src/build, or the other way round); otherwise @p path unchanged.
     */
    QString mapIntoProject(const QString &path) const;
    /** All tracked roots. */
    QStringList roots() const;
    /** The innermost tracked project containing @p path, or nullptr. */
    KDevelop::IProject *projectFor(const QString &path) const;

    void addProject(KDevelop::IProject *project);
    void removeProject(KDevelop::IProject *project);

private:
    QHash<KDevelop::IProject *, QString> m_roots;
};

} // namespace BuildService::Plugin
